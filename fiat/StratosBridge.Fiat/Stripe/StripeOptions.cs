using System.ComponentModel.DataAnnotations;

namespace StratosBridge.Fiat.Stripe;

/// <summary>
/// Section <c>Stripe</c>: the API endpoint, the account's secret key, the API version every request pins, the webhook
/// endpoint's signing secrets and the retry limits of <see cref="StripeClient"/>. Validated at start-up by
/// <see cref="StripeServiceCollectionExtensions.AddStripe"/>; the keys come from the environment or files
/// (<c>Stripe__SecretKey</c>, <c>Stripe__WebhookSecrets__0</c>), never from appsettings in the repository.
/// </summary>
public sealed class StripeOptions : IValidatableObject
{
    public const string Section = "Stripe";

    public Uri BaseUrl { get; set; } = new("https://api.stripe.com/");

    /// <summary>The secret (<c>sk_test_…</c>, <c>sk_live_…</c>) or restricted (<c>rk_…</c>) API key, sent as a Bearer token.</summary>
    public string SecretKey { get; set; } = "";

    /// <summary>Sent as <c>Stripe-Version</c> on every request, so answers keep the shape the parsers read.</summary>
    public string ApiVersion { get; set; } = "2024-06-20";

    /// <summary>The webhook endpoint's signing secrets (<c>whsec_…</c>); several while one is rotated.</summary>
    public List<string> WebhookSecrets { get; set; } = [];

    /// <summary>Attempts per request, the first included; only network failures, timeouts and 5xx are tried again.</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The limit for one attempt (one HTTP exchange, body included).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BaseUrl is not { IsAbsoluteUri: true, Scheme: "http" or "https" })
        {
            yield return new ValidationResult("BaseUrl must be an absolute http(s) URL.", [nameof(BaseUrl)]);
        }
        if (!IsApiKey(SecretKey))
        {
            // Never the value: it may be a real key with a typo.
            yield return new ValidationResult(
                "SecretKey must be a Stripe secret or restricted key (sk_test_…, sk_live_…, rk_test_…, rk_live_…); set Stripe__SecretKey.",
                [nameof(SecretKey)]);
        }
        if (string.IsNullOrWhiteSpace(ApiVersion))
        {
            yield return new ValidationResult("ApiVersion must name a Stripe API version, e.g. 2024-06-20.", [nameof(ApiVersion)]);
        }
        for (var i = 0; i < WebhookSecrets.Count; i++)
        {
            if (WebhookSecrets[i] is not { Length: > 6 } secret || !secret.StartsWith("whsec_", StringComparison.Ordinal) || secret.Any(char.IsWhiteSpace))
            {
                yield return new ValidationResult("each webhook secret must be a whsec_… signing secret.", [$"{nameof(WebhookSecrets)}:{i}"]);
            }
        }
    }

    private static bool IsApiKey(string? key) =>
        key is { Length: > 8 }
        && (key.StartsWith("sk_test_", StringComparison.Ordinal) || key.StartsWith("sk_live_", StringComparison.Ordinal)
            || key.StartsWith("rk_test_", StringComparison.Ordinal) || key.StartsWith("rk_live_", StringComparison.Ordinal))
        && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
