namespace StratosBridge.Fiat.Stripe;

/// <summary>The <c>error.type</c> values Stripe documents (https://docs.stripe.com/api/errors).</summary>
public enum StripeErrorType
{
    /// <summary>A type Stripe added since, or an error body that is not Stripe's (a proxy's 502 page).</summary>
    Unknown,

    /// <summary><c>api_error</c>: a problem on Stripe's side.</summary>
    ApiError,

    /// <summary><c>card_error</c>: the card was declined or could not be charged (see <c>decline_code</c>).</summary>
    CardError,

    /// <summary><c>idempotency_error</c>: an <c>Idempotency-Key</c> reused with different parameters.</summary>
    IdempotencyError,

    /// <summary><c>invalid_request_error</c>: bad or missing parameters.</summary>
    InvalidRequestError,

    /// <summary><c>rate_limit_error</c>: too many requests too quickly (HTTP 429).</summary>
    RateLimitError,

    /// <summary><c>authentication_error</c>: a missing or wrong API key (HTTP 401).</summary>
    AuthenticationError,

    /// <summary><c>permission_error</c>: the key may not do this (HTTP 403).</summary>
    PermissionError,
}
