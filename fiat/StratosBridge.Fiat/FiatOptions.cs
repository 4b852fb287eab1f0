using System.ComponentModel.DataAnnotations;

namespace StratosBridge.Fiat;

/// <summary>
/// Section <c>Fiat</c>: card payments through Stripe Checkout for business accounts. Stripe's own keys and webhook secrets
/// are in the <c>Stripe</c> section; card quotes must be enabled in pricing (<c>Pricing:Payments:card:Enabled</c>).
/// </summary>
public sealed class FiatOptions : IValidatableObject
{
    public const string Section = "Fiat";

    /// <summary>Card checkouts, the Stripe webhook and the statement endpoints are served (and the event handler runs).</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// This service's public base URL (https://bridge.example.com/): Stripe sends the buyer back to
    /// <c>{PublicBaseUrl}v1/fiat/checkout/return</c>, which fulfils the payment and redirects to the business's page.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>How long a checkout stays payable; its quote's rates are locked as long. Stripe allows 30 min to 24 h.</summary>
    [Range(typeof(TimeSpan), "00:31:00", "23:59:00")]
    public TimeSpan CheckoutExpiry { get; set; } = TimeSpan.FromMinutes(35);

    /// <summary>The smallest card payment, in USD cents (Stripe's minimum charge is 50 cents).</summary>
    [Range(50, long.MaxValue)]
    public long MinimumCents { get; set; } = 50;

    /// <summary>The product name the buyer sees on Stripe's payment page.</summary>
    [Required]
    public string ProductName { get; set; } = "Stratos Ozone (storage traffic credit)";

    /// <summary>How often the jobs role looks for webhook events to handle, and how many it takes at once.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan EventPollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    [Range(1, 500)]
    public int EventBatchSize { get; set; } = 20;

    /// <summary>The first back-off after a failed event (Stripe or the ledger unavailable); it doubles up to 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan EventRetry { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// After this many failed attempts an event is dead-lettered (status <c>dead</c>, an <c>ALARM</c>) instead of retried;
    /// an operator re-queues it with the replay. The default, with the back-off, keeps retrying for about 1.5 hours.
    /// </summary>
    [Range(1, 1000)]
    public int EventMaxAttempts { get; set; } = 25;

    /// <summary>
    /// A checkout still <c>creating</c> this long after it was recorded (the request ended before the Stripe call) is
    /// abandoned by the jobs role, so it stops counting against the monthly limit. Longer than any Stripe call takes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CreatingTimeout { get; set; } = TimeSpan.FromMinutes(10);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Enabled && PublicBaseUrl is not { IsAbsoluteUri: true } url)
        {
            yield return new ValidationResult("Fiat:PublicBaseUrl is required when Fiat:Enabled is true (an absolute http(s) URL of this service)",
                [nameof(PublicBaseUrl)]);
        }
        else if (PublicBaseUrl is { } given && (!given.IsAbsoluteUri || given.Scheme is not ("http" or "https")))
        {
            yield return new ValidationResult($"Fiat:PublicBaseUrl '{given}' is not an absolute http(s) URL", [nameof(PublicBaseUrl)]);
        }
    }

    /// <summary>Where Stripe returns the buyer after paying.</summary>
    public string ReturnUrl => new Uri(PublicBaseUrl!, "v1/fiat/checkout/return").ToString() + "?session_id={CHECKOUT_SESSION_ID}";
}
