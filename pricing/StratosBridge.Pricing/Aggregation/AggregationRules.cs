namespace StratosBridge.Pricing.Aggregation;

/// <summary>The aggregation's two settings: minimum agreeing fresh sources, and the deviation band in percent.</summary>
public sealed record AggregationRules(int MinSources, decimal MaxDeviationPercent)
{
    public static readonly AggregationRules Default = new(2, 2m);
}
