namespace StratosBridge.Fiat.StripeApi;

/// <summary>What <see cref="StripeWebhookVerifier"/> made of a delivery; only <see cref="Valid"/> lets an event in.</summary>
public enum StripeSignatureResult
{
    /// <summary>A <c>v1</c> signature matches one of the secrets, the timestamp is within tolerance, and the event is of our API version.</summary>
    Valid,

    /// <summary>The <c>Stripe-Signature</c> header is missing, or is not <c>t=…,v1=…</c>.</summary>
    MalformedHeader,

    /// <summary>A signature matches but the timestamp is further than the tolerance from now, in the past or the future (a replay).</summary>
    TimestampOutsideTolerance,

    /// <summary>No <c>v1</c> signature matches the body under any of the secrets (a changed body or a wrong secret).</summary>
    NoMatchingSignature,

    /// <summary>Authentic, but the event is rendered in another API release train than Stripe.net's: its objects would be misread.</summary>
    OtherApiVersion,

    /// <summary>Authentic, but the body is not a Stripe event.</summary>
    NotAnEvent,
}
