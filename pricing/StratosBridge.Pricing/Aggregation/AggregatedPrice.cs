namespace StratosBridge.Pricing.Aggregation;

/// <summary>
/// The evaluated price of one asset in USD: its status, the value when <see cref="PriceStatus.Ok"/>, the median of
/// all fresh sources (the reference the band is measured from), every source with its verdict, and a sentence saying
/// why (kept in quotes for audit).
/// </summary>
public sealed record AggregatedPrice(
    string Asset,
    PriceStatus Status,
    decimal? Value,
    decimal? FreshMedian,
    IReadOnlyList<SourceVote> Sources,
    AggregationRules Rules,
    string Reason);
