using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Refit;

namespace StratosBridge.Chains.Rest;

/// <summary>
/// Reads what a Refit call answered (<see cref="IApiResponse{T}"/> of a <see cref="JsonElement"/>, whose raw text keeps
/// every digit of a number, so prices and amounts parse exactly), every failure typed as a <see cref="RestCallException"/>:
/// no connection or an open circuit, no answer within the resilience handler's attempt timeout, a non-2xx answer (with
/// the start of its body, where services put their error), a body that is not JSON. The caller's cancellation propagates.
/// </summary>
public static class RestAnswer
{
    public static async Task<(JsonElement Body, HttpResponseHeaders Headers)> ReadAsync(string source, Func<Task<IApiResponse<JsonElement>>> call,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(call);
        IApiResponse<JsonElement> response;
        try
        {
            response = await call();
        }
        catch (Exception e) when (Failure(source, e) is { } failure && !ct.IsCancellationRequested)
        {
            throw failure;
        }
        using (response)
        {
            ct.ThrowIfCancellationRequested();
            if (response.HasRequestError(out var request))
            {
                throw Failure(source, request.InnerException ?? request)
                      ?? new RestCallException(source, RestErrorKind.Connection, request.Message, inner: request);
            }
            if (!response.IsSuccessStatusCode)
            {
                var text = response.Error is ApiException { Content: { } content } ? content : "";
                text = text[..Math.Min(text.Length, 200)].ReplaceLineEndings(" ");
                throw new RestCallException(source, RestErrorKind.HttpStatus,
                    $"HTTP {(int?)response.StatusCode} {response.ReasonPhrase}: {text}", response.StatusCode);
            }
            if (response.Error is not null || !response.HasContent)
            {
                var length = response.Error is ApiException { Content: { } body } ? Encoding.UTF8.GetByteCount(body) : 0;
                throw new RestCallException(source, RestErrorKind.Malformed, $"the answer is not JSON ({length} bytes)", inner: response.Error);
            }
            return (response.Content.Clone(), response.Headers);
        }
    }

    /// <summary>A property that must be there; <see cref="FormatException"/> naming it when it is not.</summary>
    public static JsonElement Required(JsonElement parent, string name)
    {
        if (parent.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"expected an object holding '{name}', got {parent.ValueKind}");
        }
        return parent.TryGetProperty(name, out var value) ? value : throw new FormatException($"'{name}' is missing");
    }

    private static RestCallException? Failure(string source, Exception e) => e switch
    {
        TimeoutRejectedException t => new RestCallException(source, RestErrorKind.Timeout, $"no answer within {t.Timeout.TotalMilliseconds:0} ms", inner: e),
        BrokenCircuitException => new RestCallException(source, RestErrorKind.Connection, "the circuit is open after repeated failures", inner: e),
        HttpRequestException or IOException => new RestCallException(source, RestErrorKind.Connection, e.Message, inner: e),
        ApiRequestException { InnerException: { } inner } => Failure(source, inner),
        _ => null,
    };
}
