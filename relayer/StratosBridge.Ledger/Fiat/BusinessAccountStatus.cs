namespace StratosBridge.Ledger.Fiat;

/// <summary>The statuses of a business account (<c>business_accounts.status</c>).</summary>
public static class BusinessAccountStatus
{
    /// <summary>Checkouts and credits go ahead.</summary>
    public const string Active = "active";

    /// <summary>No new checkouts and no new credits until an operator resolves the hold (with a note).</summary>
    public const string OnHold = "on-hold";

    public static readonly IReadOnlyList<string> All = [Active, OnHold];
}
