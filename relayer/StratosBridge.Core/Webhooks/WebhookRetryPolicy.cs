using StratosBridge.Core.Background;

namespace StratosBridge.Core.Webhooks;

/// <summary>
/// When a failed delivery is tried again, and when its endpoint gives up: the service's one back-off rule from
/// <paramref name="First"/> up to <paramref name="Max"/> between attempts; an endpoint that has failed without a single
/// success for <paramref name="DisableAfter"/> (3 days by default) is disabled.
/// </summary>
public sealed record WebhookRetryPolicy(TimeSpan First, TimeSpan Max, TimeSpan DisableAfter)
{
    /// <summary>The wait after the <paramref name="attempts"/>-th failed attempt (1 = the first).</summary>
    public TimeSpan Next(int attempts, double jitter = 0.5) => new Backoff(First, Max).After(Math.Max(0, attempts - 1), jitter);

    /// <summary>Whether an endpoint failing since <paramref name="failingSince"/> is to be disabled at <paramref name="now"/>.</summary>
    public bool GivesUp(DateTimeOffset failingSince, DateTimeOffset now) => now - failingSince >= DisableAfter;
}
