namespace StratosBridge.Bench;

/// <summary>Latency percentiles of a bench.</summary>
public static class Percentile
{
    /// <summary>The nearest-rank percentile of sorted values: the smallest value with at least p of the values at or below it.</summary>
    public static TimeSpan Of(IReadOnlyList<TimeSpan> sorted, double p) =>
        sorted.Count == 0 ? TimeSpan.Zero : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
