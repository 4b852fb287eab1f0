using System.Globalization;
using System.Net;

namespace StratosBridge.Fiat.Stripe;

/// <summary>
/// A Stripe request that did not succeed: either Stripe answered with an error (<see cref="StatusCode"/>,
/// <see cref="Error"/>, <see cref="RequestId"/> from the <c>Request-Id</c> header, to quote to Stripe support),
/// or no answer came at all (<see cref="IsNetworkError"/>).
/// </summary>
/// <remarks>
/// <see cref="IsRetryable"/> is true only for a network failure or a 5xx, as issue 7 specifies; a retry must reuse
/// the same <c>Idempotency-Key</c>, so Stripe replays rather than repeats a request that did arrive.
/// 429 is deliberately not retryable here: a <c>rate_limit_error</c> means we are already sending too much, and an
/// automatic retry adds to it; the caller (a job that runs again later) backs off instead. Stripe's own libraries
/// also retry 409 and 429 <c>lock_timeout</c> and obey a <c>Stripe-Should-Retry</c> header; the HTTP client may add
/// that when it is built, and <see cref="ShouldRetryHeader"/> keeps the header's value for it.
/// </remarks>
public sealed class StripeException : Exception
{
    private StripeException(string message, HttpStatusCode? statusCode, string? requestId, StripeError? error, bool? shouldRetryHeader, Exception? inner)
        : base(message, inner)
    {
        StatusCode = statusCode;
        RequestId = requestId;
        Error = error;
        ShouldRetryHeader = shouldRetryHeader;
    }

    /// <summary>The HTTP status Stripe answered with; null when no answer came.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>Stripe's <c>Request-Id</c> header (<c>req_…</c>), when it answered.</summary>
    public string? RequestId { get; }

    /// <summary>The parsed error object; null when no answer came.</summary>
    public StripeError? Error { get; }

    /// <summary>The <c>Stripe-Should-Retry</c> header, when present. Kept for the client; not used by <see cref="IsRetryable"/>.</summary>
    public bool? ShouldRetryHeader { get; }

    public StripeErrorType Type => Error?.Type ?? StripeErrorType.Unknown;

    public bool IsNetworkError => StatusCode is null;

    public bool IsRetryable => StatusCode is null || (int)StatusCode.Value >= 500;

    /// <summary>The exception for an error response: its status, its <c>Request-Id</c> and <c>Stripe-Should-Retry</c> headers and its body.</summary>
    public static StripeException FromResponse(HttpStatusCode statusCode, string? requestId, string? body, string? shouldRetryHeader = null)
    {
        var error = StripeError.Parse(body);
        var shouldRetry = shouldRetryHeader?.Trim().ToLowerInvariant() switch
        {
            "true" => true,
            "false" => (bool?)false,
            _ => null,
        };
        return new StripeException(Describe(statusCode, requestId, error), statusCode, requestId, error, shouldRetry, inner: null);
    }

    /// <summary>The exception for a request that got no answer (connection refused or reset, DNS, timeout).</summary>
    public static StripeException FromNetworkFailure(Exception inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        return new StripeException($"Stripe could not be reached: {inner.Message}", null, null, null, null, inner);
    }

    // The message is Stripe's own (made for showing to a payer); never the request, so no card field is in it.
    private static string Describe(HttpStatusCode statusCode, string? requestId, StripeError error)
    {
        var status = ((int)statusCode).ToString(CultureInfo.InvariantCulture);
        var codes = string.Join(", ", new[] { error.Code, error.DeclineCode }.Where(c => c is not null));
        return $"Stripe answered HTTP {status} {error.TypeName ?? "(no Stripe error object)"}"
            + (codes.Length > 0 ? $" ({codes})" : "")
            + (error.Message is null ? "" : $": {error.Message}")
            + (requestId is null ? "" : $" [request {requestId}]");
    }
}
