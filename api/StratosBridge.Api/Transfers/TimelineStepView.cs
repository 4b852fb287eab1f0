namespace StratosBridge.Api.Transfers;

/// <summary>One change of a transfer's or a credit's state, as it happened; <see cref="Actor"/> is who made it (a worker, <c>operator:name</c>).</summary>
public sealed record TimelineStepView(DateTimeOffset At, string State, string? Chain, string? TxHash, string? Note, string? Actor = null);
