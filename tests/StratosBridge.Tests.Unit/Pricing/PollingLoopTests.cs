using StratosBridge.Pricing.Feeds;

namespace StratosBridge.Tests.Unit.Pricing;

public class PollingLoopTests
{
    [Fact]
    public void Backoff_doubles_per_failure_within_ten_percent_jitter_and_stops_at_the_cap()
    {
        var poll = TimeSpan.FromSeconds(1);
        var cap = TimeSpan.FromSeconds(30);

        Assert.Equal(poll, PollingLoop.NextDelay(poll, cap, 0, 0.9));
        Assert.Equal(TimeSpan.FromSeconds(2), PollingLoop.NextDelay(poll, cap, 1, 0.5));
        Assert.Equal(TimeSpan.FromSeconds(8), PollingLoop.NextDelay(poll, cap, 3, 0.5));
        Assert.Equal(TimeSpan.FromSeconds(7.2), PollingLoop.NextDelay(poll, cap, 3, 0.0));
        Assert.Equal(TimeSpan.FromSeconds(8.8), PollingLoop.NextDelay(poll, cap, 3, 1.0));
        Assert.Equal(cap, PollingLoop.NextDelay(poll, cap, 10, 0.5));
        Assert.Equal(cap, PollingLoop.NextDelay(poll, cap, 1000, 0.5));
    }
}
