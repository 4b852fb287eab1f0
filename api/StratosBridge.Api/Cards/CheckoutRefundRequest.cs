namespace StratosBridge.Api.Cards;

/// <summary>
/// The body of <c>POST /v1/admin/checkouts/{id}/refund</c>: how much (<see cref="Usd"/>, a decimal string with at most 2
/// decimals; absent: all that is left of the charge), why and who (both kept with the refund and sent in its metadata).
/// </summary>
public sealed record CheckoutRefundRequest(string? Usd, string? Reason, string? Operator);
