using System.Net;
using System.Text.Json.Nodes;

namespace StratosBridge.Tests.Integration.Api;

/// <summary>An answer of the in-process API: status, content type, the JSON body (null when empty) and the headers tests look at.</summary>
public sealed record ApiAnswer(
    HttpStatusCode Status,
    string? ContentType,
    JsonNode? Body,
    string Raw,
    string WwwAuthenticate,
    string? CacheControl,
    Uri? Location)
{
    /// <summary>The problem's <c>code</c> (null when the body has none).</summary>
    public string? Code => Body?["code"]?.GetValue<string>();

    public string? Detail => Body?["detail"]?.GetValue<string>();

    /// <summary>The <c>Retry-After</c> header (null when absent).</summary>
    public string? RetryAfter { get; init; }

    public JsonNode Json => Body ?? throw new InvalidOperationException($"{Status} with no JSON body");
}
