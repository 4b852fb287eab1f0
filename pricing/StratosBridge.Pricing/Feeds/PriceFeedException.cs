using System.Net;

namespace StratosBridge.Pricing.Feeds;

/// <summary>A failed fetch of a price source (or of Stratos REST). <see cref="IsTransient"/> failures are retried.</summary>
public sealed class PriceFeedException(string source, PriceFeedErrorKind kind, string detail, HttpStatusCode? status = null,
    Exception? inner = null) : Exception($"{source}: {kind}: {detail}", inner)
{
    public string FeedSource { get; } = source;

    public PriceFeedErrorKind Kind { get; } = kind;

    /// <summary>The provider's words or what did not parse; never a URL (they may carry keys).</summary>
    public string Detail { get; } = detail;

    public HttpStatusCode? Status { get; } = status;

    public bool IsTransient => Kind is PriceFeedErrorKind.Connection or PriceFeedErrorKind.Timeout
                               || (Kind == PriceFeedErrorKind.HttpStatus && Status is { } s
                                   && ((int)s >= 500 || s is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests));

    /// <summary>Short text for the API and logs, e.g. "HttpStatus: 503 Service Unavailable".</summary>
    public string Describe() => $"{Kind}: {Detail}";
}
