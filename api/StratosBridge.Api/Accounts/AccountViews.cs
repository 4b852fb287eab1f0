using System.Globalization;
using StratosBridge.Api.Quotes;
using StratosBridge.Chains.Stratos;
using StratosBridge.Ledger.Fiat;

namespace StratosBridge.Api.Accounts;

/// <summary>Ledger rows of accounts and API keys as the API shows them.</summary>
internal static class AccountViews
{
    public static AccountView From(BusinessAccountRow account) => new(
        account.Id, account.Kind, account.Name, account.ContactEmail, Wallet(account), account.MonthlyLimitCents, Usd(account.MonthlyLimitCents),
        account.Status, account.StatusNote, account.CreatedAt, account.UpdatedAt);

    public static OwnAccountView Own(BusinessAccountRow account, ApiKeyRow key, long usedThisMonthCents) => new(
        account.Id, account.Kind, account.Name, account.ContactEmail, Wallet(account), account.Status, account.StatusNote,
        account.MonthlyLimitCents, Usd(account.MonthlyLimitCents), usedThisMonthCents, Usd(usedThisMonthCents),
        Math.Max(0, account.MonthlyLimitCents - usedThisMonthCents), key.Prefix);

    public static ApiKeyView Key(ApiKeyRow key) => new(
        key.Id, key.Prefix, key.Label, key.RevokedAt is null ? "active" : "revoked", key.CreatedAt, key.LastUsedAt, key.RevokedAt);

    /// <summary>Cents as a USD decimal with two decimals (<c>150000</c> → <c>"1500.00"</c>).</summary>
    public static string Usd(long cents) =>
        string.Create(CultureInfo.InvariantCulture, $"{cents / 100}.{Math.Abs(cents % 100):D2}");

    private static BeneficiaryView? Wallet(BusinessAccountRow account)
    {
        if (account.Wallet is null)
        {
            return null;
        }
        var wallet = StratosAddress.Parse(account.Wallet);
        return new BeneficiaryView(wallet.Hex, wallet.Bech32);
    }
}
