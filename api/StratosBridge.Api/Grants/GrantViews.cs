using System.Globalization;
using System.Numerics;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Stratos;
using StratosBridge.Ledger.Grants;

namespace StratosBridge.Api.Grants;

/// <summary>Turns the ledger's grant rows into what the API shows: amounts as strings of base units, GB at the display rate.</summary>
internal static class GrantViews
{
    public static GrantProgramView Program(GrantProgramRow p, GrantOptions options, DateTimeOffset now) => new(
        p.Id, p.Name, p.Status, IsOpen(p, now), p.StartsAt.ToUniversalTime(), p.EndsAt.ToUniversalTime(), Text(p.NozPerClaim),
        Gb(p.NozPerClaim, options), Text(p.BudgetWei), Text(p.ReservedWei), Text(BigInteger.Max(0, p.BudgetWei - p.ReservedWei)),
        Text(p.DailyBudgetWei), Text(p.ReservedTodayWei), Text(BigInteger.Max(0, p.DailyBudgetWei - p.ReservedTodayWei)), p.ClaimsToday,
        p.AllowListOnly, p.AlarmPercent, p.CreatedAt.ToUniversalTime(), p.UpdatedAt.ToUniversalTime());

    public static PublicGrantProgramView Public(GrantProgramRow p, GrantOptions options, DateTimeOffset now) => new(
        p.Id, p.Name, IsOpen(p, now), p.StartsAt.ToUniversalTime(), p.EndsAt.ToUniversalTime(), Text(p.NozPerClaim), Gb(p.NozPerClaim, options),
        p.AllowListOnly, IsOpen(p, now) && p.ReservedTodayWei < p.DailyBudgetWei && p.ReservedWei < p.BudgetWei);

    public static GrantCodeView Code(GrantCodeRow c, GrantOptions options) =>
        new(c.Code, Text(c.ExtraNoz), Gb(c.ExtraNoz, options), c.Uses, c.MaxUses, c.ExpiresAt.ToUniversalTime());

    public static GrantClaimView Claim(GrantClaimRow c, GrantOptions options) => new(
        c.Id, c.ProgramId, Wallet(c.Wallet), c.Code, Text(c.Noz), Gb(c.Noz, options), c.ClaimedAt.ToUniversalTime(),
        new GrantCreditView(c.CreditId, c.CreditStatus, Text(c.StosWei), c.TxHash, c.BlockNumber,
            c.PurchasedNoz is { } bought ? Text(bought) : null, c.PurchasedNoz is { } n ? Gb(n, options) : null,
            c.CompletedAt?.ToUniversalTime(), c.CreditStatus is "failed" or "needs-operator" or "ready" ? c.LastError : null));

    public static GrantWalletView Wallet(string lowerHex)
    {
        var account = StratosAddress.FromEvm(EthAddress.Parse(lowerHex));
        return new GrantWalletView(account.Hex, account.Bech32);
    }

    public static bool IsOpen(GrantProgramRow p, DateTimeOffset now) => p.Status == "active" && now >= p.StartsAt && now < p.EndsAt;

    /// <summary>noz as GB at <see cref="GrantOptions.NozPerGb"/>, at most 3 decimals (rounded down: never more than is given).</summary>
    public static string Gb(BigInteger noz, GrantOptions options)
    {
        var thousandths = noz * 1000 / options.NozPerGb;
        var whole = BigInteger.DivRem(thousandths, 1000, out var fraction);
        return fraction.IsZero
            ? whole.ToString(CultureInfo.InvariantCulture)
            : $"{whole.ToString(CultureInfo.InvariantCulture)}.{fraction.ToString("D3", CultureInfo.InvariantCulture).TrimEnd('0')}";
    }

    public static string Text(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);
}
