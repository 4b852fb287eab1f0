using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Polly;
using Polly.Timeout;

namespace StratosBridge.Chains.JsonRpc;

/// <summary>
/// What the EVM and Solana clients share: one HTTP exchange of a JSON-RPC body over a typed <see cref="HttpClient"/>
/// (base address = the node's RPC URL), and the resilience pipeline around each call. Transport faults, HTTP errors
/// (a JSON-RPC error object in a non-2xx body included, with its Retry-After) and unreadable bodies become the
/// protocol's typed exceptions (<see cref="RpcFaults"/>); the protocol reads 2xx answers itself.
/// </summary>
public sealed class JsonRpcTransport
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    private readonly HttpClient _http;
    private readonly ResiliencePipeline _pipeline;

    public JsonRpcTransport(HttpClient http, ResiliencePipeline pipeline, RpcFaults faults)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(faults);
        _http = http;
        _pipeline = pipeline;
        Faults = faults;
    }

    public Uri? Endpoint => _http.BaseAddress;

    public RpcFaults Faults { get; }

    /// <summary>
    /// Runs one call through the pipeline: <paramref name="attempt"/> once per attempt, with the attempt's token (the
    /// caller's, bounded by the attempt timeout). An attempt timeout after the last retry becomes the protocol's timeout.
    /// </summary>
    public async Task<T> ExecuteAsync<T>(string method, Func<CancellationToken, Task<T>> attempt, CancellationToken ct)
    {
        var context = ResilienceContextPool.Shared.Get(ct);
        context.Properties.Set(RpcResiliencePipeline.MethodKey, method);
        try
        {
            return await _pipeline.ExecuteAsync(static async (ctx, run) => await run(ctx.CancellationToken), context, attempt);
        }
        catch (TimeoutRejectedException e)
        {
            throw Faults.Timeout(method, e.Timeout, e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// One HTTP exchange: posts the request body and returns the body of a 2xx answer. Throws the protocol's typed
    /// exceptions for transport faults and HTTP errors. Cancellation (the caller's, or the pipeline's attempt timeout)
    /// propagates as <see cref="OperationCanceledException"/>.
    /// </summary>
    public async Task<byte[]> PostAsync(string method, byte[] body, CancellationToken ct)
    {
        byte[] answer;
        HttpStatusCode status;
        TimeSpan? retryAfter;
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = JsonMediaType;
            using var response = await _http.PostAsync((Uri?)null, content, ct);
            status = response.StatusCode;
            retryAfter = response.Headers.RetryAfter switch
            {
                { Delta: { } delta } => delta,
                { Date: { } date } => date > DateTimeOffset.UtcNow ? date - DateTimeOffset.UtcNow : TimeSpan.Zero,
                _ => null,
            };
            answer = await response.Content.ReadAsByteArrayAsync(ct);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw Faults.Timeout(method, _http.Timeout, e); // HttpClient.Timeout, not our token
        }
        catch (Exception e) when (e is HttpRequestException or IOException && ct.IsCancellationRequested)
        {
            // Some cancellations surface as I/O errors; report them as what they are.
            throw new OperationCanceledException("the exchange was cancelled", e, ct);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw Faults.Connection(method, e);
        }
        if ((int)status is >= 200 and < 300)
        {
            return answer;
        }
        throw HttpError(method, status, answer, retryAfter);
    }

    /// <summary>The fields of a JSON-RPC error object: its code, message and data (a string as sent, anything else raw).</summary>
    public static (long Code, string Message, string? Data) ReadError(JsonElement error)
    {
        if (error.ValueKind != JsonValueKind.Object)
        {
            return (0, error.ToString(), null);
        }
        var code = error.TryGetProperty("code", out var c) && c.TryGetInt64(out var n) ? n : 0;
        var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String
            ? m.GetString() ?? ""
            : error.GetRawText();
        string? data = null;
        if (error.TryGetProperty("data", out var d) && d.ValueKind != JsonValueKind.Null)
        {
            data = d.ValueKind == JsonValueKind.String ? d.GetString() : d.GetRawText();
        }
        return (code, message, data);
    }

    /// <summary>True for 5xx, 408 and 429: an HTTP error that may pass.</summary>
    public static bool IsTransientStatus(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    /// <summary>"HTTP 502 BadGateway: body…" for an HTTP error without a JSON-RPC error object.</summary>
    public static string DescribeHttpStatus(HttpStatusCode status, string? body) =>
        $"HTTP {(int)status} {status}" + (string.IsNullOrWhiteSpace(body) ? "" : ": " + Shorten(body.Trim()));

    private RpcException HttpError(string method, HttpStatusCode status, byte[] answer, TimeSpan? retryAfter)
    {
        try
        {
            using var doc = JsonDocument.Parse(answer);
            if (doc.RootElement is { ValueKind: JsonValueKind.Object } root
                && root.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null)
            {
                var (code, message, data) = ReadError(error);
                return Faults.FromRpcError(method, code, message, data, status, retryAfter);
            }
        }
        catch (JsonException)
        {
            // A non-2xx answer without JSON: an HTML error page, a gateway message.
        }
        return Faults.FromHttpStatus(method, status, Encoding.UTF8.GetString(answer, 0, Math.Min(answer.Length, 512)), retryAfter);
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
