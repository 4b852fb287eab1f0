using System.Net;
using StratosBridge.Chains.Rest;

namespace StratosBridge.Pricing.Feeds;

/// <summary>A failed fetch of a price source (or of the Ozone price). <see cref="IsTransient"/> failures are retried.</summary>
public sealed class PriceFeedException(string source, RestErrorKind kind, string detail, HttpStatusCode? status = null,
    Exception? inner = null) : Exception($"{source}: {kind}: {detail}", inner)
{
    public string FeedSource { get; } = source;

    public RestErrorKind Kind { get; } = kind;

    /// <summary>The provider's words or what did not parse; never a URL (they may carry keys).</summary>
    public string Detail { get; } = detail;

    public HttpStatusCode? Status { get; } = status;

    public bool IsTransient => RestCallException.Transient(Kind, Status);

    /// <summary>Short text for the API and logs, e.g. "HttpStatus: 503 Service Unavailable".</summary>
    public string Describe() => $"{Kind}: {Detail}";

    /// <summary>A failed REST call of a price source, as that source's failure.</summary>
    public static PriceFeedException From(RestCallException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new PriceFeedException(e.Service, e.Kind, e.Detail, e.Status, e);
    }
}
