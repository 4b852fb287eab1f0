namespace StratosBridge.Api.Jobs;

/// <summary>The body of an operator's decision: who decided and why (both go on the subject's timeline).</summary>
public sealed record OperatorDecisionRequest(string? Operator, string? Reason);
