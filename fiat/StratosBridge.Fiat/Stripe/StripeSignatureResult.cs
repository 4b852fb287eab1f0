namespace StratosBridge.Fiat.Stripe;

/// <summary>The outcome of checking a <c>Stripe-Signature</c> header; only <see cref="Valid"/> lets an event in.</summary>
public enum StripeSignatureResult
{
    /// <summary>A <c>v1</c> signature matches one of the secrets and the timestamp is within tolerance.</summary>
    Valid,

    /// <summary>The header is missing, empty, lacks exactly one numeric <c>t</c>, or has an item without <c>=</c>.</summary>
    MalformedHeader,

    /// <summary>The header has no <c>v1</c> signature (only <c>v0</c> or other schemes, which are never accepted).</summary>
    NoV1Signature,

    /// <summary>A signature matches but <c>t</c> is further than the tolerance from now, in the past or the future (a replay).</summary>
    TimestampOutsideTolerance,

    /// <summary>No <c>v1</c> signature matches the body under any of the secrets (tampered body or wrong secret).</summary>
    NoMatchingSignature,
}
