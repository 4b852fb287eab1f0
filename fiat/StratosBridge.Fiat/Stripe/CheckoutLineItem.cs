using System.Text.Json;

namespace StratosBridge.Fiat.Stripe;

/// <summary>A line item of a Checkout Session (Stripe's <c>item</c> object, from <c>line_items.data[]</c>).</summary>
public sealed record CheckoutLineItem(string Id, string? Description, long AmountTotal, string Currency, long Quantity)
{
    private const string Kind = "item";

    /// <summary>Reads an <c>item</c> object; <see cref="FormatException"/> when it is not one.</summary>
    public static CheckoutLineItem Parse(JsonElement json)
    {
        StripeJson.Expect(json, Kind);
        return new CheckoutLineItem(
            StripeJson.String(json, Kind, "id"),
            StripeJson.OptionalString(json, Kind, "description"),
            StripeJson.Long(json, Kind, "amount_total"),
            StripeJson.String(json, Kind, "currency"),
            StripeJson.Long(json, Kind, "quantity"));
    }
}
