using System.Text.Json;
using Refit;

namespace StratosBridge.Pricing.Providers;

/// <summary>CoinGecko's <c>simple/price</c> (see <see cref="CoinGeckoClient"/>).</summary>
public interface ICoinGeckoApi
{
    /// <param name="ids">Coin ids, comma-separated.</param>
    [Get("/api/v3/simple/price?vs_currencies=usd&include_last_updated_at=true")]
    Task<IApiResponse<JsonElement>> SimplePriceAsync(string ids, CancellationToken ct);
}
