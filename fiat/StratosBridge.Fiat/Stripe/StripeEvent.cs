using System.Text.Json;

namespace StratosBridge.Fiat.Stripe;

/// <summary>
/// A Stripe event (a webhook delivery's body, or <c>GET /v1/events/{id}</c>): its id (the natural key for handling it
/// once), type (<c>checkout.session.completed</c>, <c>charge.refunded</c>, …), and <see cref="DataObject"/>, the
/// snapshot of the object it is about as it was when the event happened (read it with <see cref="CheckoutSession.Parse"/>
/// and the like).
/// </summary>
/// <param name="ApiVersion">The API version the object is rendered in; null for some events.</param>
public sealed record StripeEvent(string Id, string Type, DateTimeOffset Created, string? ApiVersion, bool Livemode, JsonElement DataObject)
{
    private const string Kind = "event";

    /// <summary><c>data.object.id</c>: the session, charge or dispute the event is about.</summary>
    public string? ObjectId => DataObject.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    /// <summary>Reads an event from its JSON bytes; <see cref="FormatException"/> for anything that is not an event object.</summary>
    public static StripeEvent Parse(ReadOnlySpan<byte> json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray());
        }
        catch (JsonException e)
        {
            throw new FormatException($"a Stripe event must be JSON; this is not ({json.Length} bytes): {e.Message}", e);
        }
        using (document)
        {
            return Parse(document.RootElement);
        }
    }

    /// <summary>Reads an event object; <see cref="FormatException"/> for anything that is not one.</summary>
    public static StripeEvent Parse(JsonElement root)
    {
        StripeJson.Expect(root, Kind);
        var data = root.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object
            ? d
            : throw new FormatException("event.data is missing or not an object");
        var dataObject = data.TryGetProperty("object", out var o) && o.ValueKind == JsonValueKind.Object
            ? o.Clone()
            : throw new FormatException("event.data.object is missing or not an object");
        return new StripeEvent(
            StripeJson.String(root, Kind, "id"),
            StripeJson.String(root, Kind, "type"),
            StripeJson.Time(root, Kind, "created"),
            StripeJson.OptionalString(root, Kind, "api_version"),
            StripeJson.Bool(root, Kind, "livemode"),
            dataObject);
    }
}
