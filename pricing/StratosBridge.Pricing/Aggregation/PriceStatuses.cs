namespace StratosBridge.Pricing.Aggregation;

/// <summary>Wire names of <see cref="PriceStatus"/>: "ok", and the refusal codes "price-unavailable", "price-sources-disagree".</summary>
public static class PriceStatuses
{
    public const string UnavailableCode = "price-unavailable";
    public const string DisagreeCode = "price-sources-disagree";

    public static string ToWire(this PriceStatus status) => status switch
    {
        PriceStatus.Ok => "ok",
        PriceStatus.Unavailable => UnavailableCode,
        PriceStatus.SourcesDisagree => DisagreeCode,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
