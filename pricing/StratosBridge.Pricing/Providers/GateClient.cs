using System.Text.Json;
using StratosBridge.Pricing.Feeds;

namespace StratosBridge.Pricing.Providers;

/// <summary>
/// Gate (gate.io) API v4 <c>GET /api/v4/spot/tickers?currency_pair=STOS_USDT</c>, one request per pair. Documented
/// answer: an array of tickers, <c>[{"currency_pair":"STOS_USDT","last":"0.2512","lowest_ask":"…","highest_bid":"…",
/// "change_percentage":"…","base_volume":"…","quote_volume":"…","high_24h":"…","low_24h":"…"}]</c> — <c>last</c> is the
/// last trade's price; no timestamp. Unknown pairs answer 400 <c>{"label":"INVALID_CURRENCY_PAIR","message":"…"}</c>.
/// </summary>
public sealed class GateClient(IGateApi api, string source) : ExchangeClient(source)
{
    public override Task<IReadOnlyList<SourceReading>> FetchAsync(IReadOnlyDictionary<string, string> symbols, CancellationToken ct) =>
        EachAsync(symbols, async (asset, pair, token) =>
        {
            var body = await ReadAsync(() => api.TickersAsync(pair, token), token);
            return SourceReading.Of(asset, Parsed(() => ParseTickers(body, pair)));
        }, ct);

    /// <summary>The <c>last</c> price of <paramref name="pair"/> in a tickers answer.</summary>
    public static decimal ParseTickers(JsonElement root, string pair)
    {
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"expected an array of tickers, got {root.ValueKind}");
        }
        foreach (var ticker in root.EnumerateArray())
        {
            if (ticker.ValueKind == JsonValueKind.Object && ticker.TryGetProperty("currency_pair", out var name)
                && name.ValueKind == JsonValueKind.String && name.GetString() == pair)
            {
                return ReadDecimal(Required(ticker, "last"), $"{pair}.last");
            }
        }
        throw new FormatException($"'{pair}' is not in the answer");
    }
}
