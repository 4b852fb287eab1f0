namespace StratosBridge.Pricing.Aggregation;

/// <summary>
/// One source's last good value for an asset as the aggregation sees it: the value, its age (by the provider's
/// timestamp when it sent one), whether it is still fresh, and the source's last error, if its last fetch failed.
/// </summary>
public sealed record SourceQuote(string Source, string Provider, decimal? Value, TimeSpan? Age, bool Fresh, string? LastError)
{
    public static SourceQuote FreshValue(string source, decimal value, TimeSpan? age = null) =>
        new(source, source, value, age ?? TimeSpan.Zero, true, null);
}
