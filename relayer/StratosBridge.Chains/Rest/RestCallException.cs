using System.Net;

namespace StratosBridge.Chains.Rest;

/// <summary>A failed call to a REST service, typed by <see cref="RestErrorKind"/>. <see cref="IsTransient"/> failures are worth retrying.</summary>
public sealed class RestCallException(string source, RestErrorKind kind, string detail, HttpStatusCode? status = null, Exception? inner = null)
    : Exception($"{source}: {kind}: {detail}", inner)
{
    /// <summary>Which service (a price source's name, <c>stratos-rest</c>).</summary>
    public string Service { get; } = source;

    public RestErrorKind Kind { get; } = kind;

    /// <summary>The service's words or what did not parse; never a URL (they may carry keys).</summary>
    public string Detail { get; } = detail;

    public HttpStatusCode? Status { get; } = status;

    public bool IsTransient => Transient(Kind, Status);

    /// <summary>Short text for the API and logs, e.g. "HttpStatus: 503 Service Unavailable".</summary>
    public string Describe() => $"{Kind}: {Detail}";

    /// <summary>The one rule of which failures are transient: no connection, no answer in time, 5xx, 408, 429.</summary>
    public static bool Transient(RestErrorKind kind, HttpStatusCode? status) =>
        kind is RestErrorKind.Connection or RestErrorKind.Timeout
        || (kind == RestErrorKind.HttpStatus && status is { } s && ((int)s >= 500 || s is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests));
}
