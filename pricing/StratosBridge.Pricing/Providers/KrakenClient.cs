using System.Text.Json;
using StratosBridge.Chains.Rest;
using StratosBridge.Pricing.Feeds;

namespace StratosBridge.Pricing.Providers;

/// <summary>
/// Kraken <c>GET /0/public/Ticker?pair=XETHZUSD,SOLUSD</c>, all pairs in one request. Documented answer:
/// <c>{"error":[],"result":{"XETHZUSD":{"a":[…],"b":[…],"c":["3500.10000","0.0100"],…}}}</c>; <c>c</c> is the last
/// trade closed [price, lot volume]. Kraken keys the result by its own pair name (XETHZUSD for ETHUSD), so symbols are
/// configured in that form. A non-empty <c>error</c> array (e.g. <c>EQuery:Unknown asset pair</c>) fails the request.
/// </summary>
public sealed class KrakenClient(IKrakenApi api, string source) : ExchangeClient(source)
{
    public override async Task<IReadOnlyList<SourceReading>> FetchAsync(IReadOnlyDictionary<string, string> symbols, CancellationToken ct)
    {
        var pairs = string.Join(",", symbols.Values.Distinct());
        var body = await ReadAsync(() => api.TickerAsync(pairs, ct), ct);
        var errors = KrakenErrors(body);
        if (errors.Count > 0)
        {
            throw new PriceFeedException(Source, RestErrorKind.Refused, string.Join("; ", errors));
        }
        return Parsed(() => Parse(body, symbols));
    }

    /// <summary>The strings of the answer's <c>error</c> array (empty when it has none).</summary>
    public static IReadOnlyList<string> KrakenErrors(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Array
            ? error.EnumerateArray().Select(e => e.ToString()).ToList()
            : [];

    /// <summary>Readings per asset from a Ticker answer; a pair missing from <c>result</c> fails that asset.</summary>
    public static IReadOnlyList<SourceReading> Parse(JsonElement root, IReadOnlyDictionary<string, string> symbols)
    {
        var result = Required(root, "result");
        if (result.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"'result' is not an object but {result.ValueKind}");
        }
        var readings = new List<SourceReading>();
        foreach (var (asset, pair) in symbols)
        {
            if (!result.TryGetProperty(pair, out var ticker))
            {
                readings.Add(SourceReading.Failed(asset, $"'{pair}' is not in the answer"));
                continue;
            }
            try
            {
                var last = Required(ticker, "c");
                if (last.ValueKind != JsonValueKind.Array || last.GetArrayLength() < 1)
                {
                    throw new FormatException($"{pair}.c is not [price, volume]");
                }
                readings.Add(SourceReading.Of(asset, ReadDecimal(last[0], $"{pair}.c[0]")));
            }
            catch (FormatException e)
            {
                readings.Add(SourceReading.Failed(asset, $"Malformed: {e.Message}"));
            }
        }
        return readings;
    }
}
