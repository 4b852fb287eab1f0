namespace StratosBridge.Fiat.Stripe;

/// <summary>
/// A one-item Checkout Session in payment mode (<c>POST /v1/checkout/sessions</c>): one line item priced inline
/// (<c>price_data</c>, quantity 1), the same <see cref="Metadata"/> on the session and on its PaymentIntent (so charge,
/// refund and dispute events carry it too), and an expiry Stripe accepts 30 minutes to 24 hours from creation.
/// </summary>
/// <param name="AmountCents">The price in the currency's minor unit (cents).</param>
/// <param name="Currency">ISO 4217 code; sent in lower case, as Stripe writes it.</param>
/// <param name="SuccessUrl">May contain <c>{CHECKOUT_SESSION_ID}</c>, which Stripe fills in.</param>
/// <param name="ClientReferenceId">Our reference for the session (Stripe allows up to 200 characters).</param>
public sealed record CheckoutSessionCreate(
    long AmountCents,
    string Currency,
    string ProductName,
    string? ProductDescription,
    string SuccessUrl,
    string CancelUrl,
    string ClientReferenceId,
    IReadOnlyDictionary<string, string> Metadata,
    DateTimeOffset ExpiresAt,
    string? CustomerEmail)
{
    /// <summary>The request's parameters, in the order sent, for <see cref="StripeFormEncoder"/>.</summary>
    public IEnumerable<KeyValuePair<string, object?>> ToParameters()
    {
        var metadata = Fields(Metadata);
        return
        [
            new("mode", "payment"),
            new("line_items", new object[]
            {
                Fields(
                    ("price_data", Fields(
                        ("currency", Currency.ToLowerInvariant()),
                        ("unit_amount", AmountCents),
                        ("product_data", Fields(("name", ProductName), ("description", ProductDescription))))),
                    ("quantity", 1)),
            }),
            new("success_url", SuccessUrl),
            new("cancel_url", CancelUrl),
            new("client_reference_id", ClientReferenceId),
            new("metadata", metadata),
            new("payment_intent_data", Fields(("metadata", metadata))),
            new("expires_at", ExpiresAt),
            new("customer_email", CustomerEmail),
        ];
    }

    internal static List<KeyValuePair<string, object?>> Fields(params (string Name, object? Value)[] fields) =>
        [.. fields.Select(f => new KeyValuePair<string, object?>(f.Name, f.Value))];

    internal static List<KeyValuePair<string, object?>> Fields(IReadOnlyDictionary<string, string>? values) =>
        [.. (values ?? new Dictionary<string, string>()).Select(v => new KeyValuePair<string, object?>(v.Key, v.Value))];
}
