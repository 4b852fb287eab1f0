using System.Numerics;

namespace StratosBridge.Core.Grants;

/// <summary>
/// Whether a claim is granted, and for how much: the program is active and open now; the wallet is not denied, is on
/// the allow-list when the program has one, and has no claim in flight or completed (one whose credit failed for good holds
/// nothing: <see cref="GrantReservation"/>); a named code exists, has not expired and has
/// uses left (its extra Ozone is added); the Ozone is priced (<c>weiFor</c>: STOS wei that buy at least that many noz
/// now, null when nothing does); and what it costs fits both the total and today's budget. The first failed rule is
/// the refusal. Accepting raises the alarm when it takes today's reservations to <c>AlarmPercent</c> of the daily budget
/// and the alarm has not been raised today.
/// </summary>
public static class GrantClaimPolicy
{
    public static GrantDecision Decide(GrantClaimFacts facts, Func<BigInteger, BigInteger?> weiFor)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(weiFor);
        if (!facts.ProgramActive || facts.Now < facts.StartsAt || facts.Now >= facts.EndsAt)
        {
            return GrantDecision.Refuse(GrantRefusals.NotOpen, facts.ProgramActive
                ? $"the program is open from {facts.StartsAt:u} until {facts.EndsAt:u}"
                : "the program is closed");
        }
        if (facts.WalletDenied)
        {
            return GrantDecision.Refuse(GrantRefusals.WalletDenied, "this wallet may not claim grants");
        }
        if (facts.AllowListOnly && !facts.WalletAllowed)
        {
            return GrantDecision.Refuse(GrantRefusals.WalletNotAllowed, "this program is for the wallets on its allow-list, and this wallet is not on it");
        }
        if (facts.AlreadyClaimed)
        {
            return GrantDecision.Refuse(GrantRefusals.AlreadyClaimed, "this wallet has claimed from this program already: one claim per wallet");
        }
        var noz = facts.NozPerClaim;
        if (facts.Code is { } code)
        {
            if (!code.Exists)
            {
                return GrantDecision.Refuse(GrantRefusals.CodeUnknown, $"the program has no campaign code '{code.Code}'");
            }
            if (facts.Now >= code.ExpiresAt)
            {
                return GrantDecision.Refuse(GrantRefusals.CodeExpired, $"the campaign code '{code.Code}' expired at {code.ExpiresAt:u}");
            }
            if (code.Uses >= code.MaxUses)
            {
                return GrantDecision.Refuse(GrantRefusals.CodeUsedUp, $"the campaign code '{code.Code}' has been used its {code.MaxUses} times");
            }
            noz += code.ExtraNoz;
        }
        if (weiFor(noz) is not { Sign: > 0 } wei)
        {
            return GrantDecision.Refuse(GrantRefusals.NoPrice, "the Ozone price on Stratos is not known right now; try again in a minute");
        }
        if (facts.ReservedWei + wei > facts.BudgetWei)
        {
            return GrantDecision.Refuse(GrantRefusals.BudgetExhausted, "the program's budget is used up");
        }
        if (facts.ReservedTodayWei + wei > facts.DailyBudgetWei)
        {
            return GrantDecision.Refuse(GrantRefusals.BudgetExhausted, "today's budget of the program is used up; try again tomorrow (UTC)");
        }
        var threshold = facts.DailyBudgetWei * facts.AlarmPercent;
        var alarm = !facts.AlarmedToday && (facts.ReservedTodayWei + wei) * 100 >= threshold;
        return new GrantDecision(noz, wei, facts.Code is not null, alarm, null, null);
    }
}
