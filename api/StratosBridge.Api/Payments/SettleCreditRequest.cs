namespace StratosBridge.Api.Payments;

/// <summary>The body of <c>POST /v1/admin/credits/{id}/settle</c>: the mined prepay that bought the credit, who decided, and why.</summary>
public sealed record SettleCreditRequest(string? TxHash, string? Operator, string? Reason);
