using System.Text.Json;
using Refit;

namespace StratosBridge.Pricing.Providers;

/// <summary>Binance spot <c>ticker/price</c>, which MEXC's v3 market data serves in the same shape (see <see cref="BinanceClient"/>).</summary>
public interface IBinanceApi
{
    [Get("/api/v3/ticker/price")]
    Task<IApiResponse<JsonElement>> TickerPriceAsync(string symbol, CancellationToken ct);
}
