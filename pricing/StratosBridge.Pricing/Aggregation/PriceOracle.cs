using Microsoft.Extensions.Options;
using StratosBridge.Pricing.Feeds;
using StratosBridge.Pricing.Providers;

namespace StratosBridge.Pricing.Aggregation;

/// <summary>The USD price of each asset now, aggregated from the <see cref="PriceBook"/> under the configured rules.</summary>
public sealed class PriceOracle(PriceBook book, IOptions<PricingOptions> options)
{
    public AggregationRules Rules => new(options.Value.MinSources, options.Value.MaxDeviationPercent);

    public AggregatedPrice Evaluate(string asset) => PriceAggregator.Aggregate(asset, book.Quotes(asset), Rules);

    /// <summary>Every priced asset (ETH, BNB, SOL, STOS), whether or not a source fetches it.</summary>
    public IReadOnlyList<AggregatedPrice> EvaluateAll() =>
        PriceProviders.Assets.Order(StringComparer.Ordinal).Select(Evaluate).ToList();
}
