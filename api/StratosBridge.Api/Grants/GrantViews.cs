using System.Globalization;
using System.Numerics;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Stratos;
using StratosBridge.Api.Quotes;
using StratosBridge.Core.Grants;
using StratosBridge.Core.Payments;
using StratosBridge.Ledger.Grants;

namespace StratosBridge.Api.Grants;

/// <summary>Turns the ledger's grant rows into what the API shows: amounts as strings of base units, GB at the display rate.</summary>
internal static class GrantViews
{
    public static GrantProgramView Program(GrantProgramRow p, long nozPerGb, DateTimeOffset now) => new(
        p.Id, p.Name, p.Status, IsOpen(p, now), p.StartsAt.ToUniversalTime(), p.EndsAt.ToUniversalTime(), Text(p.NozPerClaim),
        Gb(p.NozPerClaim, nozPerGb), Text(p.BudgetWei), Text(p.ReservedWei), Text(BigInteger.Max(0, p.BudgetWei - p.ReservedWei)),
        Text(p.DailyBudgetWei), Text(p.ReservedTodayWei), Text(BigInteger.Max(0, p.DailyBudgetWei - p.ReservedTodayWei)), p.ClaimsToday,
        p.AllowListOnly, p.AlarmPercent, p.CreatedAt.ToUniversalTime(), p.UpdatedAt.ToUniversalTime(), p.AccountId);

    public static PublicGrantProgramView Public(GrantProgramRow p, long nozPerGb, DateTimeOffset now) => new(
        p.Id, p.Name, IsOpen(p, now), p.StartsAt.ToUniversalTime(), p.EndsAt.ToUniversalTime(), Text(p.NozPerClaim), Gb(p.NozPerClaim, nozPerGb),
        p.AllowListOnly, IsOpen(p, now) && p.ReservedTodayWei < p.DailyBudgetWei && p.ReservedWei < p.BudgetWei);

    public static GrantCodeView Code(GrantCodeRow c, long nozPerGb) =>
        new(c.Code, Text(c.ExtraNoz), Gb(c.ExtraNoz, nozPerGb), c.Uses, c.MaxUses, c.ExpiresAt.ToUniversalTime());

    public static GrantClaimView Claim(GrantClaimRow c, long nozPerGb) => new(
        c.Id, c.ProgramId, Wallet(c.Wallet), GrantReservation.ClaimState(CreditStates.Machine.Parse(c.CreditStatus), c.ReleasedAt is not null),
        c.Code, Text(c.Noz), Gb(c.Noz, nozPerGb), c.ClaimedAt.ToUniversalTime(), c.ReleasedAt?.ToUniversalTime(),
        new GrantCreditView(c.CreditId, c.CreditStatus, Text(c.StosWei), c.TxHash, c.BlockNumber,
            c.PurchasedNoz is { } bought ? Text(bought) : null, c.PurchasedNoz is { } n ? Gb(n, nozPerGb) : null,
            c.CompletedAt?.ToUniversalTime(), c.CreditStatus is "failed" or "needs-operator" or "ready" ? c.LastError : null));

    public static GrantWalletView Wallet(string lowerHex)
    {
        var account = StratosAddress.FromEvm(EthAddress.Parse(lowerHex));
        return new GrantWalletView(account.Hex, account.Bech32);
    }

    public static bool IsOpen(GrantProgramRow p, DateTimeOffset now) => p.Status == "active" && now >= p.StartsAt && now < p.EndsAt;

    /// <summary>noz as GB at <c>Pricing:NozPerGb</c> (as quotes show it); null when that rate is 0 (show none).</summary>
    public static string? Gb(BigInteger noz, long nozPerGb) => QuoteAmounts.Gb(noz, nozPerGb);

    public static string Text(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);
}
