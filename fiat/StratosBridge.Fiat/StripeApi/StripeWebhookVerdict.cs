using Stripe;

namespace StratosBridge.Fiat.StripeApi;

/// <summary>What a delivery is: the verdict, the event once authentic (also when of another API version), and why not, where there is more to say.</summary>
public sealed record StripeWebhookVerdict(StripeSignatureResult Result, Event? Event, string? Detail = null);
