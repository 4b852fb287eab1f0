using System.Numerics;
using StratosBridge.Core.Grants;

namespace StratosBridge.Tests.Unit.Grants;

public class GrantClaimPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private static readonly GrantClaimFacts Open = new(Now, ProgramActive: true, StartsAt: Now.AddDays(-1), EndsAt: Now.AddDays(1),
        NozPerClaim: 1000, BudgetWei: 10_000, ReservedWei: 0, DailyBudgetWei: 1_000, ReservedTodayWei: 0, AlarmPercent: 80,
        AlarmedToday: false, AllowListOnly: false, WalletAllowed: false, WalletDenied: false, AlreadyClaimed: false, Code: null);

    /// <summary>1 wei per noz: a claim of 1000 noz costs 1000 wei.</summary>
    private static BigInteger? OneWeiPerNoz(BigInteger noz) => noz;

    [Fact]
    public void An_open_program_grants_its_ozone_at_the_current_price()
    {
        var decision = GrantClaimPolicy.Decide(Open with { DailyBudgetWei = 5_000 }, OneWeiPerNoz);
        Assert.True(decision.Accepted);
        Assert.Equal(1000, decision.Noz);
        Assert.Equal(1000, decision.StosWei);
        Assert.False(decision.RaisesAlarm);
    }

    [Theory]
    [InlineData("closed", GrantRefusals.NotOpen)]
    [InlineData("not-started", GrantRefusals.NotOpen)]
    [InlineData("ended", GrantRefusals.NotOpen)]
    [InlineData("denied", GrantRefusals.WalletDenied)]
    [InlineData("not-listed", GrantRefusals.WalletNotAllowed)]
    [InlineData("claimed", GrantRefusals.AlreadyClaimed)]
    [InlineData("total-budget", GrantRefusals.BudgetExhausted)]
    [InlineData("daily-budget", GrantRefusals.BudgetExhausted)]
    [InlineData("no-price", GrantRefusals.NoPrice)]
    public void Each_rule_refuses_with_its_code(string broken, string code)
    {
        var facts = broken switch
        {
            "closed" => Open with { ProgramActive = false },
            "not-started" => Open with { StartsAt = Now.AddSeconds(1) },
            "ended" => Open with { EndsAt = Now },
            "denied" => Open with { WalletDenied = true, WalletAllowed = true },
            "not-listed" => Open with { AllowListOnly = true },
            "claimed" => Open with { AlreadyClaimed = true },
            "total-budget" => Open with { ReservedWei = 9_001 },
            "daily-budget" => Open with { ReservedTodayWei = 1 },
            _ => Open,
        };
        var decision = GrantClaimPolicy.Decide(facts, broken == "no-price" ? _ => null : OneWeiPerNoz);
        Assert.False(decision.Accepted);
        Assert.Equal(code, decision.RefusalCode);
        Assert.False(string.IsNullOrWhiteSpace(decision.RefusalDetail));
    }

    [Fact]
    public void The_budgets_are_filled_exactly_and_never_passed()
    {
        Assert.True(GrantClaimPolicy.Decide(Open with { ReservedWei = 9_000, DailyBudgetWei = 5_000 }, OneWeiPerNoz).Accepted);
        Assert.True(GrantClaimPolicy.Decide(Open with { ReservedTodayWei = 0, DailyBudgetWei = 1_000 }, OneWeiPerNoz).Accepted);
        Assert.False(GrantClaimPolicy.Decide(Open with { ReservedTodayWei = 0, DailyBudgetWei = 999 }, OneWeiPerNoz).Accepted);
    }

    [Fact]
    public void A_campaign_code_adds_its_ozone_until_it_expires_or_is_used_up()
    {
        var code = new GrantCodeFacts("SHARE", Exists: true, ExtraNoz: 500, Uses: 1, MaxUses: 2, ExpiresAt: Now.AddHours(1));
        var facts = Open with { DailyBudgetWei = 5_000, Code = code };
        var decision = GrantClaimPolicy.Decide(facts, OneWeiPerNoz);
        Assert.Equal(1500, decision.Noz);
        Assert.True(decision.UsesCode);
        Assert.Equal(GrantRefusals.CodeUsedUp, GrantClaimPolicy.Decide(facts with { Code = code with { Uses = 2 } }, OneWeiPerNoz).RefusalCode);
        Assert.Equal(GrantRefusals.CodeExpired, GrantClaimPolicy.Decide(facts with { Code = code with { ExpiresAt = Now } }, OneWeiPerNoz).RefusalCode);
        Assert.Equal(GrantRefusals.CodeUnknown, GrantClaimPolicy.Decide(facts with { Code = code with { Exists = false } }, OneWeiPerNoz).RefusalCode);
    }

    [Fact]
    public void The_alarm_is_raised_once_a_day_when_the_reservations_reach_the_threshold()
    {
        var below = Open with { DailyBudgetWei = 2_000, ReservedTodayWei = 500 }; // 1500 of 2000 after the claim: 75 %
        Assert.False(GrantClaimPolicy.Decide(below, OneWeiPerNoz).RaisesAlarm);
        var reaching = below with { ReservedTodayWei = 600 }; // 1600 of 2000: 80 %
        Assert.True(GrantClaimPolicy.Decide(reaching, OneWeiPerNoz).RaisesAlarm);
        Assert.False(GrantClaimPolicy.Decide(reaching with { AlarmedToday = true }, OneWeiPerNoz).RaisesAlarm);
    }
}
