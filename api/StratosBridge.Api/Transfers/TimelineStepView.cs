namespace StratosBridge.Api.Transfers;

/// <summary>One change of a transfer's state, as it happened.</summary>
public sealed record TimelineStepView(DateTimeOffset At, string State, string? Chain, string? TxHash, string? Note);
