namespace StratosBridge.Api.Payments;

/// <summary>
/// The body of an operator's decision on a credit: who decided and why (both go on the timeline), and for
/// <c>POST /v1/admin/credits/{id}/settle</c> the mined prepay that bought it (<see cref="TxHash"/>; ignored by retry).
/// </summary>
public sealed record CreditDecisionRequest(string? TxHash, string? Operator, string? Reason);
