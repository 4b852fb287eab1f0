using System.Text.Json;

namespace StratosBridge.Fiat.Stripe;

/// <summary>
/// Stripe's error object, <c>{"error": {"type", "code", "decline_code", "message", "param", "doc_url"}}</c>.
/// Only <see cref="Type"/> is always present; the rest depend on the error.
/// </summary>
public sealed record StripeError(
    StripeErrorType Type,
    string? TypeName,
    string? Code,
    string? DeclineCode,
    string? Message,
    string? Param,
    string? DocUrl)
{
    /// <summary>Reads an error response body; a body that is not Stripe's error object gives <see cref="StripeErrorType.Unknown"/> with no fields.</summary>
    public static StripeError Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return Unrecognised;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("error", out var error)
                || error.ValueKind != JsonValueKind.Object)
            {
                return Unrecognised;
            }

            var typeName = Text(error, "type");
            return new StripeError(
                TypeOf(typeName),
                typeName,
                Text(error, "code"),
                Text(error, "decline_code"),
                Text(error, "message"),
                Text(error, "param"),
                Text(error, "doc_url"));
        }
        catch (JsonException)
        {
            return Unrecognised;
        }
    }

    private static readonly StripeError Unrecognised = new(StripeErrorType.Unknown, null, null, null, null, null, null);

    private static string? Text(JsonElement error, string name) =>
        error.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static StripeErrorType TypeOf(string? typeName) => typeName switch
    {
        "api_error" => StripeErrorType.ApiError,
        "card_error" => StripeErrorType.CardError,
        "idempotency_error" => StripeErrorType.IdempotencyError,
        "invalid_request_error" => StripeErrorType.InvalidRequestError,
        "rate_limit_error" => StripeErrorType.RateLimitError,
        "authentication_error" => StripeErrorType.AuthenticationError,
        "permission_error" => StripeErrorType.PermissionError,
        _ => StripeErrorType.Unknown,
    };
}
