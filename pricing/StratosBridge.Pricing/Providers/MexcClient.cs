using StratosBridge.Pricing.Feeds;

namespace StratosBridge.Pricing.Providers;

/// <summary>
/// MEXC spot v3 <c>GET /api/v3/ticker/price?symbol=STOSUSDT</c>, one request per symbol. MEXC's v3 market data is
/// Binance-compatible: the documented answer is <c>{"symbol":"STOSUSDT","price":"0.2512"}</c>, parsed by
/// <see cref="BinanceClient.ParseTicker"/>.
/// </summary>
public sealed class MexcClient(IBinanceApi api, string source) : ExchangeClient(source)
{
    public override Task<IReadOnlyList<SourceReading>> FetchAsync(IReadOnlyDictionary<string, string> symbols, CancellationToken ct) =>
        EachAsync(symbols, async (asset, symbol, token) =>
        {
            var body = await ReadAsync(() => api.TickerPriceAsync(symbol, token), token);
            return SourceReading.Of(asset, Parsed(() => BinanceClient.ParseTicker(body, symbol)));
        }, ct);
}
