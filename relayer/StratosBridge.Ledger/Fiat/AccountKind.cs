namespace StratosBridge.Ledger.Fiat;

/// <summary>The kinds of account (<c>business_accounts.kind</c>, <c>0024_account_kinds.sql</c>); set at creation, never changed.</summary>
public static class AccountKind
{
    /// <summary>Buys Ozone by card for its wallet (required): card checkouts, a monthly card limit, statements.</summary>
    public const string Business = "business";

    /// <summary>
    /// A multichain dApp: creates quotes its users pay in ETH, BNB or SOL, and gets their webhooks. Its wallet is optional;
    /// it pays no card checkouts.
    /// </summary>
    public const string Dapp = "dapp";

    public static readonly IReadOnlyList<string> All = [Business, Dapp];
}
