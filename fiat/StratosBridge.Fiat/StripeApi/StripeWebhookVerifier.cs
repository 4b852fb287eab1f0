using Microsoft.Extensions.Options;
using Stripe;

namespace StratosBridge.Fiat.StripeApi;

/// <summary>
/// Stripe's webhook deliveries, checked with Stripe.net over the raw body: <see cref="EventUtility.ValidateSignature(string, string, string, long)"/>
/// with each configured secret in turn (several while one is rotated) and <see cref="StripeOptions.WebhookTolerance"/> as
/// the tolerance, then <see cref="EventUtility.ParseEvent"/>, which refuses an event of another API release train than
/// Stripe.net's (<see cref="StripeOptions.SdkApiVersion"/>): its objects would be read with the wrong shapes.
/// </summary>
public sealed class StripeWebhookVerifier(IOptions<StripeOptions> options, TimeProvider clock)
{
    public const string HeaderName = "Stripe-Signature";

    /// <summary>A tolerance no real timestamp exceeds: a signature that verifies with it but not with ours is stale (or from the future).</summary>
    private const long AnyTime = 100L * 365 * 24 * 3600;

    public StripeWebhookVerdict Verify(string? header, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var settings = options.Value;
        if (settings.WebhookSecrets.Count == 0)
        {
            throw new InvalidOperationException("no webhook secret is configured (Stripe:WebhookSecrets:0)");
        }
        if (string.IsNullOrWhiteSpace(header) || !header.Contains("t=", StringComparison.Ordinal))
        {
            return new StripeWebhookVerdict(StripeSignatureResult.MalformedHeader, null);
        }
        var tolerance = (long)settings.WebhookTolerance.TotalSeconds;
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        if (!settings.WebhookSecrets.Any(secret => Verifies(body, header, secret, tolerance, now)))
        {
            return new StripeWebhookVerdict(settings.WebhookSecrets.Any(secret => Verifies(body, header, secret, AnyTime, now))
                ? StripeSignatureResult.TimestampOutsideTolerance
                : StripeSignatureResult.NoMatchingSignature, null);
        }
        Event parsed;
        try
        {
            parsed = EventUtility.ParseEvent(body, throwOnApiVersionMismatch: false);
        }
        catch (Exception e) when (e is StripeException or Newtonsoft.Json.JsonException or System.Text.Json.JsonException or FormatException
                                       or InvalidOperationException or KeyNotFoundException)
        {
            return new StripeWebhookVerdict(StripeSignatureResult.NotAnEvent, null, e.Message);
        }
        if (parsed?.Id is null || parsed.Type is null)
        {
            return new StripeWebhookVerdict(StripeSignatureResult.NotAnEvent, null, "the body has no event id or type");
        }
        return IsOurApiVersion(body, out var why)
            ? new StripeWebhookVerdict(StripeSignatureResult.Valid, parsed)
            : new StripeWebhookVerdict(StripeSignatureResult.OtherApiVersion, parsed, why);
    }

    /// <summary>Stripe.net's own rule for an event's API version (same release train as the SDK's); the SDK's message otherwise.</summary>
    public static bool IsOurApiVersion(string eventJson, out string? why)
    {
        try
        {
            EventUtility.ParseEvent(eventJson, throwOnApiVersionMismatch: true);
            why = null;
            return true;
        }
        catch (StripeException e)
        {
            why = e.Message;
            return false;
        }
    }

    private static bool Verifies(string body, string header, string secret, long tolerance, long now)
    {
        try
        {
            EventUtility.ValidateSignature(body, header, secret, tolerance, now);
            return true;
        }
        catch (StripeException)
        {
            return false;
        }
    }
}
