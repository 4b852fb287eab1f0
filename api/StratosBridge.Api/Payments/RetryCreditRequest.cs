namespace StratosBridge.Api.Payments;

/// <summary>The body of <c>POST /v1/admin/credits/{id}/retry</c>: who decided to send a new prepay, and why.</summary>
public sealed record RetryCreditRequest(string? Operator, string? Reason);
