using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace StratosBridge.Pricing.Feeds;

/// <summary>
/// One GET of a JSON document, every failure typed as a <see cref="PriceFeedException"/>: transport faults, non-2xx
/// answers (with the start of the body, which is where providers put their error), bodies that are not JSON.
/// Cancellation (the caller's, or the attempt timeout's) propagates as <see cref="OperationCanceledException"/>.
/// </summary>
public static class HttpJson
{
    public static async Task<(JsonDocument Body, HttpResponseHeaders Headers)> GetAsync(HttpClient http, string source,
        string relativeUri, IReadOnlyDictionary<string, string>? headers, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(relativeUri, UriKind.Relative));
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        byte[] body;
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
            body = await response.Content.ReadAsByteArrayAsync(ct);
        }
        catch (Exception e) when (e is HttpRequestException or IOException && !ct.IsCancellationRequested)
        {
            throw new PriceFeedException(source, PriceFeedErrorKind.Connection, e.Message, inner: e);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new PriceFeedException(source, PriceFeedErrorKind.Timeout, $"no answer within {http.Timeout}", inner: e);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200)).ReplaceLineEndings(" ");
                throw new PriceFeedException(source, PriceFeedErrorKind.HttpStatus,
                    $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}: {text}", response.StatusCode);
            }
            try
            {
                return (JsonDocument.Parse(body), response.Headers);
            }
            catch (JsonException e)
            {
                throw new PriceFeedException(source, PriceFeedErrorKind.Malformed, $"the answer is not JSON ({body.Length} bytes)", inner: e);
            }
        }
    }
}
