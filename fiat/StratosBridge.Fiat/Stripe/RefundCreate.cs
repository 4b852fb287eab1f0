namespace StratosBridge.Fiat.Stripe;

/// <summary>A refund of a PaymentIntent's charge (<c>POST /v1/refunds</c>).</summary>
/// <param name="AmountCents">Part of the charge to refund; null refunds what is left of it.</param>
/// <param name="Reason">Stripe's <c>duplicate</c>, <c>fraudulent</c> or <c>requested_by_customer</c>, or null.</param>
public sealed record RefundCreate(string PaymentIntent, long? AmountCents, string? Reason, IReadOnlyDictionary<string, string>? Metadata)
{
    /// <summary>The request's parameters, in the order sent, for <see cref="StripeFormEncoder"/>.</summary>
    public IEnumerable<KeyValuePair<string, object?>> ToParameters() =>
    [
        new("payment_intent", PaymentIntent),
        new("amount", AmountCents),
        new("reason", Reason),
        new("metadata", CheckoutSessionCreate.Fields(Metadata)),
    ];
}
