namespace StratosBridge.Core.Background;

/// <summary>
/// The service's one back-off rule: after <c>n</c> failures in a row, wait <see cref="First"/> × 2^n, at most
/// <see cref="Max"/>. Background loops (<see cref="BackgroundLoop"/>) use it between failed rounds, with their poll interval
/// as <see cref="First"/>; work items (transfers, credits) use it between attempts, with <c>Relay:Backoff</c>.
/// </summary>
public readonly record struct Backoff(TimeSpan First, TimeSpan Max)
{
    /// <summary>The delay after <paramref name="failures"/> failures in a row (0 = <see cref="First"/>).</summary>
    public TimeSpan After(int failures)
    {
        var n = Math.Clamp(failures, 0, 40);
        var first = Math.Max(0, First.Ticks);
        var max = Math.Max(0, Max.Ticks);
        return TimeSpan.FromTicks(first > max >> n ? max : first << n);
    }

    /// <summary>
    /// <see cref="After"/> spread by ±10 % (<paramref name="jitter"/> in [0, 1]; 0.5 is exact), so loops that failed
    /// together do not retry in step.
    /// </summary>
    public TimeSpan After(int failures, double jitter) =>
        TimeSpan.FromTicks(Math.Max(1, (long)(After(failures).Ticks * (1 + (Math.Clamp(jitter, 0, 1) * 2 - 1) * 0.1))));
}
