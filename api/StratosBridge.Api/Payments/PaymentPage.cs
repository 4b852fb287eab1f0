namespace StratosBridge.Api.Payments;

/// <summary>What GET /v1/payments answers: a page of payments in one status, newest first, and the <c>before</c> cursor of the next (null on the last).</summary>
public sealed record PaymentPage(IReadOnlyList<ReceivedPaymentView> Payments, string? Next);
