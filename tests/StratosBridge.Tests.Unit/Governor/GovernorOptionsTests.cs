using System.Numerics;
using StratosBridge.Api.Transfers;
using StratosBridge.Core.Transfers;
using StratosBridge.Relayer.Configuration;
using StratosBridge.Relayer.Governor;

namespace StratosBridge.Tests.Unit.Governor;

public class GovernorOptionsTests
{
    private static readonly BigInteger Stos = BigInteger.Pow(10, 18);

    [Fact]
    public void Failures_name_the_key_of_the_limit_that_is_wrong()
    {
        var options = new GovernorOptions
        {
            Chains =
            {
                ["ethereum"] = new GovernedChainOptions { DailyLimitUsd = 0m },
                ["bsc"] = new GovernedChainOptions(),
                ["stratos"] = new GovernedChainOptions { SingleTransferUsd = 50_000m, DailyLimitUsd = 250_000m },
            },
            DelayFor = TimeSpan.Zero,
        };
        var failures = ValidatedOptions.Check(options, GovernorOptions.Section).Concat(options.Validate(GovernorOptions.Section)).ToList();
        Assert.Contains(failures, f => f.StartsWith("Governor:Chains:ethereum:DailyLimitUsd: must be between 0.01 and 1e12 USD", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Governor:Chains:bsc: set DailyLimitUsd, SingleTransferUsd or both", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Governor:DelayFor:", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("stratos", StringComparison.Ordinal));
    }

    [Fact]
    public void Defaults_delay_for_24_hours_over_a_24_hour_window_and_govern_no_chain()
    {
        var options = new GovernorOptions();
        Assert.Equal(TimeSpan.FromHours(24), options.DelayFor);
        Assert.Equal(TimeSpan.FromHours(24), options.Window);
        Assert.Null(options.For("ethereum"));
        Assert.Empty(ValidatedOptions.Check(options, GovernorOptions.Section));
    }

    [Theory]
    [InlineData("1", "0.25", "0.25")]
    [InlineData("0.1", "0.25", "0.025")]
    [InlineData("200000", "0.2537", "50740")]
    [InlineData("0.000000000000000001", "0.25", "0")]
    public void A_transfer_is_valued_at_its_whole_stos_times_the_price(string stos, string price, string usd)
    {
        var wei = (BigInteger)(decimal.Parse(stos, System.Globalization.CultureInfo.InvariantCulture) * 1_000_000_000_000_000_000m);
        Assert.Equal(decimal.Parse(usd, System.Globalization.CultureInfo.InvariantCulture),
            TransferGovernor.UsdOf(wei, decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(0.5m, TransferGovernor.UsdOf(2 * Stos, 0.25m));
    }

    [Fact]
    public void The_countdown_is_whole_seconds_to_the_release_time_and_absent_while_held()
    {
        var now = new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
        var delayed = DelayView.Of("over the threshold", now.AddHours(24).AddMilliseconds(300), now);
        Assert.Equal(24 * 3600 + 1, delayed.SecondsLeft);
        Assert.False(delayed.Held);
        Assert.Equal(0, DelayView.Of("due", now.AddSeconds(-5), now).SecondsLeft);
        var held = DelayView.Of("held by an operator: review", null, now);
        Assert.True(held.Held);
        Assert.Null(held.SecondsLeft);
        Assert.Null(held.ReleaseAt);
    }

    [Fact]
    public void Only_a_finalized_transfer_is_delayed_and_a_delayed_one_goes_back_to_finalized_or_stays()
    {
        var machine = TransferStates.Machine;
        Assert.True(machine.IsAllowed(TransferStatus.Finalized, TransferStatus.Delayed));
        Assert.True(machine.IsAllowed(TransferStatus.Delayed, TransferStatus.Finalized));
        Assert.True(machine.IsAllowed(TransferStatus.Delayed, TransferStatus.Delayed));
        Assert.False(machine.IsAllowed(TransferStatus.Delayed, TransferStatus.Submitted));
        Assert.False(machine.IsAllowed(TransferStatus.Pending, TransferStatus.Delayed));
        Assert.Equal("delayed", machine.Wire(TransferStatus.Delayed));
    }
}
