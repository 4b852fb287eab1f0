namespace StratosBridge.Pricing.Aggregation;

/// <summary>What the aggregation did with one source's value.</summary>
public enum SourceVerdict
{
    /// <summary>Fresh and within the band of the median: counted.</summary>
    Used,

    /// <summary>Fresh but further than the band from the median of the fresh sources: outvoted, not counted.</summary>
    Outvoted,

    /// <summary>Its last good value is older than the source's staleness limit: never used.</summary>
    Stale,

    /// <summary>No good value yet (every fetch failed so far).</summary>
    Missing,
}
