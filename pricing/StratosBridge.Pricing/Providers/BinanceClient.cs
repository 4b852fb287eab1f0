using System.Text.Json;
using StratosBridge.Pricing.Feeds;

namespace StratosBridge.Pricing.Providers;

/// <summary>
/// Binance spot <c>GET /api/v3/ticker/price?symbol=ETHUSDT</c>, one request per symbol. Documented answer:
/// <c>{"symbol":"ETHUSDT","price":"3500.12000000"}</c> (price as a string, no timestamp: the value is as fresh as the
/// fetch). Errors come as HTTP 4xx with <c>{"code":-1121,"msg":"Invalid symbol."}</c>. MEXC serves the same format.
/// </summary>
public sealed class BinanceClient(IBinanceApi api, string source) : ExchangeClient(source)
{
    public override Task<IReadOnlyList<SourceReading>> FetchAsync(IReadOnlyDictionary<string, string> symbols, CancellationToken ct) =>
        EachAsync(symbols, async (asset, symbol, token) =>
        {
            var body = await ReadAsync(() => api.TickerPriceAsync(symbol, token), token);
            return SourceReading.Of(asset, Parsed(() => ParseTicker(body, symbol)));
        }, ct);

    /// <summary>The price of a <c>ticker/price</c> answer, checking it is for <paramref name="symbol"/>.</summary>
    public static decimal ParseTicker(JsonElement root, string symbol)
    {
        var answered = Required(root, "symbol").GetString();
        if (!string.Equals(answered, symbol, StringComparison.Ordinal))
        {
            throw new FormatException($"asked for {symbol}, the answer is for '{answered}'");
        }
        return ReadDecimal(Required(root, "price"), "price");
    }
}
