using System.Text.Json;

namespace StratosBridge.Fiat.Stripe;

/// <summary>
/// A refund. <see cref="Status"/> is <c>pending</c>, <c>requires_action</c>, <c>succeeded</c>, <c>failed</c> or
/// <c>canceled</c>; a card refund usually succeeds at once.
/// </summary>
public sealed record Refund(string Id, long Amount, string Currency, string? Charge, string? PaymentIntent, string Status)
{
    private const string Kind = "refund";

    /// <summary>Reads a <c>refund</c> object; <see cref="FormatException"/> when it is not one.</summary>
    public static Refund Parse(JsonElement json)
    {
        StripeJson.Expect(json, Kind);
        return new Refund(
            StripeJson.String(json, Kind, "id"),
            StripeJson.Long(json, Kind, "amount"),
            StripeJson.String(json, Kind, "currency"),
            StripeJson.OptionalId(json, Kind, "charge"),
            StripeJson.OptionalId(json, Kind, "payment_intent"),
            StripeJson.String(json, Kind, "status"));
    }
}
