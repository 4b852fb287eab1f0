using System.Text.Json;
using Refit;

namespace StratosBridge.Pricing.Providers;

/// <summary>Coinbase Exchange's product ticker (see <see cref="CoinbaseClient"/>).</summary>
public interface ICoinbaseApi
{
    [Get("/products/{product}/ticker")]
    Task<IApiResponse<JsonElement>> TickerAsync(string product, CancellationToken ct);
}
