using StratosBridge.Core.Background;

namespace StratosBridge.Tests.Unit.Background;

public class BackoffTests
{
    [Fact]
    public void Backoff_doubles_per_failure_within_ten_percent_jitter_and_stops_at_the_cap()
    {
        var backoff = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

        Assert.Equal(TimeSpan.FromSeconds(1), backoff.After(0));
        Assert.Equal(TimeSpan.FromSeconds(2), backoff.After(1, 0.5));
        Assert.Equal(TimeSpan.FromSeconds(8), backoff.After(3, 0.5));
        Assert.Equal(TimeSpan.FromSeconds(7.2), backoff.After(3, 0.0));
        Assert.Equal(TimeSpan.FromSeconds(8.8), backoff.After(3, 1.0));
        Assert.Equal(TimeSpan.FromSeconds(30), backoff.After(10, 0.5));
        Assert.Equal(TimeSpan.FromSeconds(30), backoff.After(1000));
        Assert.Equal(TimeSpan.FromMinutes(10), new Backoff(TimeSpan.FromDays(1), TimeSpan.FromMinutes(10)).After(0));
    }
}
