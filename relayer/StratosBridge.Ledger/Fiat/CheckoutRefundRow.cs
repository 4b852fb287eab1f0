namespace StratosBridge.Ledger.Fiat;

/// <summary>An operator's refund of a checkout (<c>checkout_refunds</c>): its number on the checkout, its Idempotency-Key, and what Stripe did.</summary>
/// <param name="AmountCents">What was asked; null for what was left of the charge.</param>
/// <param name="RefundedCents">What Stripe refunded, once it succeeded.</param>
public sealed record CheckoutRefundRow(long Id, long CheckoutId, int N, string IdempotencyKey, long? AmountCents, string Reason, string Operator,
    string Status, string? StripeRefundId, long? RefundedCents, string? LastError, DateTimeOffset CreatedAt);
