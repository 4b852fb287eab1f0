using StratosBridge.Api.Accounts;
using StratosBridge.Ledger.Fiat;

namespace StratosBridge.Api.Cards;

/// <summary>
/// An operator's refund of a checkout: its number on the checkout, its Idempotency-Key, what was asked (<c>null</c>: the
/// rest of the charge) and refunded, its status (<c>requested</c>: Stripe has not answered yet; <c>succeeded</c>;
/// <c>failed</c>: Stripe refused it), Stripe's refund id, and the checkout's status now (what the refund does to it comes
/// with Stripe's <c>charge.refunded</c> event).
/// </summary>
public sealed record CheckoutRefundView(long CheckoutId, string CheckoutStatus, int N, string IdempotencyKey, string? AskedUsd, string? RefundedUsd,
    string Status, string? StripeRefundId, string Reason, string Operator, string? LastError, DateTimeOffset CreatedAt)
{
    public static CheckoutRefundView From(CheckoutRow checkout, CheckoutRefundRow refund) => new(checkout.Id, checkout.Status, refund.N,
        refund.IdempotencyKey, refund.AmountCents is { } asked ? AccountViews.Usd(asked) : null,
        refund.RefundedCents is { } refunded ? AccountViews.Usd(refunded) : null, refund.Status, refund.StripeRefundId, refund.Reason,
        refund.Operator, refund.LastError, refund.CreatedAt);
}
