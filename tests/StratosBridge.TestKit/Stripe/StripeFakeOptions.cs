namespace StratosBridge.TestKit.Stripe;

/// <summary>
/// How a <see cref="StripeFake"/> runs. Tests take the defaults (a free port, fresh keys, events delivered by the test);
/// the devnet (<c>StratosBridge.Bench stripe-fake</c>) fixes the port and keys and names the service's webhook endpoint,
/// to which the hosted checkout page's events are delivered as Stripe would.
/// </summary>
public sealed class StripeFakeOptions
{
    /// <summary>The <c>api_version</c> of the events it produces (default: Stripe.net's).</summary>
    public string? ApiVersion { get; init; }

    /// <summary>The port on 127.0.0.1; 0 lets the kernel pick.</summary>
    public int Port { get; init; }

    /// <summary>The only API key accepted (default: a fresh <c>sk_test_…</c>).</summary>
    public string? SecretKey { get; init; }

    /// <summary>The webhook signing secret (default: a fresh <c>whsec_…</c>).</summary>
    public string? WebhookSecret { get; init; }

    /// <summary>Where the hosted page's events go (also settable later on the fake); null: they are only recorded.</summary>
    public Uri? WebhookEndpoint { get; init; }

    /// <summary>How long "pay later" takes before the bank's answer (<c>async_payment_succeeded</c> or <c>_failed</c>).</summary>
    public TimeSpan AsyncPaymentDelay { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Where the fake says what it does (the devnet's log); null: silent.</summary>
    public TextWriter? Log { get; init; }
}
