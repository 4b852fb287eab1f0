using System.Globalization;
using System.Text.Json;
using Refit;
using StratosBridge.Chains.Rest;
using StratosBridge.Pricing.Feeds;

namespace StratosBridge.Pricing.Providers;

/// <summary>
/// A client of one exchange's public market-data API: the requests are a Refit interface's (over the source's
/// <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/>, base address the provider's API root, with the standard
/// resilience handler: attempt timeout, a retry, a circuit breaker of its own), the answers are read as
/// <see cref="JsonElement"/> and each provider parses its own documented format exactly (the static <c>Parse…</c> methods,
/// tested on the providers' published bodies). Every failure is this source's <see cref="PriceFeedException"/>.
/// </summary>
public abstract class ExchangeClient(string source)
{
    /// <summary>The configured source name (for errors and logs).</summary>
    public string Source { get; } = source;

    /// <summary>
    /// Fetches every asset of <paramref name="symbols"/> (asset → provider symbol). An asset the provider does not
    /// answer for gets a failed reading; a failure of the whole exchange (transport, 5xx, timeout) throws
    /// <see cref="PriceFeedException"/>.
    /// </summary>
    public abstract Task<IReadOnlyList<SourceReading>> FetchAsync(IReadOnlyDictionary<string, string> symbols, CancellationToken ct);

    /// <summary>The JSON a Refit call answered; its failure as this source's <see cref="PriceFeedException"/>.</summary>
    protected async Task<JsonElement> ReadAsync(Func<Task<IApiResponse<JsonElement>>> call, CancellationToken ct)
    {
        try
        {
            return (await RestAnswer.ReadAsync(Source, call, ct)).Body;
        }
        catch (RestCallException e)
        {
            throw PriceFeedException.From(e);
        }
    }

    /// <summary>
    /// Fetches one request per asset; a permanent failure (unknown symbol, malformed body) fails that asset only,
    /// a transient one fails the source.
    /// </summary>
    protected async Task<IReadOnlyList<SourceReading>> EachAsync(IReadOnlyDictionary<string, string> symbols,
        Func<string, string, CancellationToken, Task<SourceReading>> fetchOne, CancellationToken ct)
    {
        var readings = new List<SourceReading>(symbols.Count);
        foreach (var (asset, symbol) in symbols)
        {
            try
            {
                readings.Add(await fetchOne(asset, symbol, ct));
            }
            catch (PriceFeedException e) when (!e.IsTransient)
            {
                readings.Add(SourceReading.Failed(asset, e.Describe()));
            }
        }
        return readings;
    }

    /// <summary>A decimal from a JSON string ("3500.12") or number (3500.12, 1.2e-5); <see cref="FormatException"/> otherwise.</summary>
    public static decimal ReadDecimal(JsonElement value, string what)
    {
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        // decimal, never double: "3500.12", 3500.12 and exponent forms like 1.2e-5 parse exactly (to 28 digits)
        if (text is null || !decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent | NumberStyles.AllowLeadingSign,
                CultureInfo.InvariantCulture, out var parsed))
        {
            throw new FormatException($"{what} is not a number: {Shorten(value.GetRawText())}");
        }
        return parsed;
    }

    /// <summary>A property that must be there; <see cref="FormatException"/> naming it when it is not.</summary>
    public static JsonElement Required(JsonElement parent, string name) => RestAnswer.Required(parent, name);

    /// <summary>Runs a parser and turns its <see cref="FormatException"/> into a malformed-answer failure of this source.</summary>
    protected T Parsed<T>(Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or KeyNotFoundException or OverflowException)
        {
            throw new PriceFeedException(Source, RestErrorKind.Malformed, e.Message, inner: e);
        }
    }

    internal static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
