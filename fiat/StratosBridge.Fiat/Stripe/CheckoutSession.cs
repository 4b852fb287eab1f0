using System.Text.Json;

namespace StratosBridge.Fiat.Stripe;

/// <summary>
/// A Checkout Session as Stripe reports it. <see cref="Status"/> is <c>open</c>, <c>complete</c> or <c>expired</c>;
/// <see cref="PaymentStatus"/> is <c>paid</c>, <c>unpaid</c> (an asynchronous method, such as a bank debit, may still
/// succeed or fail) or <c>no_payment_required</c>. Only <c>paid</c> means the money is there.
/// </summary>
/// <param name="PaymentIntent">The PaymentIntent's id (<c>pi_…</c>), once the session is complete; read from the id or the expanded object.</param>
/// <param name="CustomerEmail">The email given at creation (<c>customer_email</c>), else the one the buyer entered (<c>customer_details.email</c>).</param>
/// <param name="LineItems">Present when the session was fetched with <c>expand[]=line_items</c>; empty otherwise (and in webhook events).</param>
public sealed record CheckoutSession(
    string Id,
    string Status,
    string PaymentStatus,
    long? AmountTotal,
    string? Currency,
    string? PaymentIntent,
    string? ClientReferenceId,
    IReadOnlyDictionary<string, string> Metadata,
    string? Url,
    DateTimeOffset Created,
    DateTimeOffset ExpiresAt,
    string? CustomerEmail,
    IReadOnlyList<CheckoutLineItem> LineItems,
    bool Livemode)
{
    private const string Kind = "checkout.session";

    /// <summary>Reads a <c>checkout.session</c> object (an API answer or an event's <c>data.object</c>); <see cref="FormatException"/> when it is not one.</summary>
    public static CheckoutSession Parse(JsonElement json)
    {
        StripeJson.Expect(json, Kind);
        var email = StripeJson.OptionalString(json, Kind, "customer_email");
        if (email is null && json.TryGetProperty("customer_details", out var details) && details.ValueKind == JsonValueKind.Object)
        {
            email = StripeJson.OptionalString(details, $"{Kind}.customer_details", "email");
        }
        return new CheckoutSession(
            StripeJson.String(json, Kind, "id"),
            StripeJson.String(json, Kind, "status"),
            StripeJson.String(json, Kind, "payment_status"),
            StripeJson.OptionalLong(json, Kind, "amount_total"),
            StripeJson.OptionalString(json, Kind, "currency"),
            StripeJson.OptionalId(json, Kind, "payment_intent"),
            StripeJson.OptionalString(json, Kind, "client_reference_id"),
            StripeJson.Metadata(json, Kind),
            StripeJson.OptionalString(json, Kind, "url"),
            StripeJson.Time(json, Kind, "created"),
            StripeJson.Time(json, Kind, "expires_at"),
            email,
            StripeJson.List(json, Kind, "line_items", CheckoutLineItem.Parse),
            StripeJson.Bool(json, Kind, "livemode"));
    }
}
