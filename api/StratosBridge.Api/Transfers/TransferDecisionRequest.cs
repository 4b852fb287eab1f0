namespace StratosBridge.Api.Transfers;

/// <summary>The body of an operator's decision on a transfer: who decided and why (both go on the transfer's timeline).</summary>
public sealed record TransferDecisionRequest(string? Operator, string? Reason);
