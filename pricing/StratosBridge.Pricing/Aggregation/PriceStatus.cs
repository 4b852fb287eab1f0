namespace StratosBridge.Pricing.Aggregation;

/// <summary>Whether a pair can be priced now; the refusals are the API's problem codes (see <see cref="PriceStatuses"/>).</summary>
public enum PriceStatus
{
    /// <summary>Enough fresh sources agree: the price is the median of the agreeing ones.</summary>
    Ok,

    /// <summary><c>price-unavailable</c>: fewer fresh sources than the minimum.</summary>
    Unavailable,

    /// <summary><c>price-sources-disagree</c>: the fresh sources do not agree within the deviation band.</summary>
    SourcesDisagree,
}
