namespace StratosBridge.TestKit.Stripe;

/// <summary>How <see cref="StripeFake.DeliverAsync"/> spoils a webhook delivery (each must be refused by the receiver).</summary>
public enum WebhookTamper
{
    /// <summary>Signed as Stripe signs: <c>t=now,v1=HMAC-SHA256(WebhookSecret, t + "." + body)</c>.</summary>
    None,

    /// <summary>Signed with a secret the endpoint does not have.</summary>
    WrongSecret,

    /// <summary>Correctly signed, but 301 s ago: outside Stripe's 300 s tolerance (a replay).</summary>
    Stale,

    /// <summary>Signed, then the body is re-serialised (the same JSON value, other bytes) before it is sent.</summary>
    BodyChangedAfterSigning,

    /// <summary>No <c>Stripe-Signature</c> header at all.</summary>
    NoSignature,
}
