namespace StratosBridge.Pricing.Aggregation;

/// <summary>A source's value and what the aggregation did with it.</summary>
public sealed record SourceVote(SourceQuote Quote, SourceVerdict Verdict);
