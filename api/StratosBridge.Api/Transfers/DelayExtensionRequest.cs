namespace StratosBridge.Api.Transfers;

/// <summary>The body of an operator's extension of a delayed transfer: who, why, and how many hours more (above 0, at most 720).</summary>
public sealed record DelayExtensionRequest(string? Operator, string? Reason, decimal? Hours);
