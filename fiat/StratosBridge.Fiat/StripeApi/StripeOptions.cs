using System.ComponentModel.DataAnnotations;
using StripeConfiguration = Stripe.StripeConfiguration;

namespace StratosBridge.Fiat.StripeApi;

/// <summary>
/// Section <c>Stripe</c>: where Stripe.net talks (<see cref="BaseUrl"/>, the local fake in tests and on the devnet), the
/// account's secret key, the webhook endpoint's signing secrets and the retry limits. Validated at start-up by
/// <see cref="StripeServiceCollectionExtensions.AddStripe"/>; the keys come from the environment or files
/// (<c>Stripe__SecretKey</c>, <c>Stripe__WebhookSecrets__0</c>), never from appsettings in the repository.
/// </summary>
public sealed class StripeOptions : IValidatableObject
{
    public const string Section = "Stripe";

    public Uri BaseUrl { get; set; } = new("https://api.stripe.com/");

    /// <summary>The secret (<c>sk_test_…</c>, <c>sk_live_…</c>) or restricted (<c>rk_…</c>) API key, sent as a Bearer token.</summary>
    public string SecretKey { get; set; } = "";

    /// <summary>
    /// The API version of requests and of the webhook endpoint's events. Stripe.net pins one (<see cref="SdkApiVersion"/>):
    /// it sends it on every request and refuses events of another release train, so this setting must name it. Create the
    /// webhook endpoint in the Stripe dashboard with this version.
    /// </summary>
    public string ApiVersion { get; set; } = SdkApiVersion;

    /// <summary>The version Stripe.net 53 is built for (<c>2026-10-28.endive</c>).</summary>
    public static string SdkApiVersion => StripeConfiguration.ApiVersion;

    /// <summary>The webhook endpoint's signing secrets (<c>whsec_…</c>); several while one is rotated, each tried in turn.</summary>
    public List<string> WebhookSecrets { get; set; } = [];

    /// <summary>How far a webhook's signed timestamp may be from now, either way (Stripe's libraries use 300 s).</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>Attempts per request, the first included; Stripe.net tries again after network failures, 409, 429 lock timeouts and 5xx.</summary>
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
        if (ApiVersion != SdkApiVersion)
        {
            yield return new ValidationResult(
                $"ApiVersion '{ApiVersion}' is not the version Stripe.net sends and reads ({SdkApiVersion}); set it to {SdkApiVersion} " +
                "and create the webhook endpoint with that version.", [nameof(ApiVersion)]);
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
