using System.Text.Json;
using Refit;

namespace StratosBridge.Pricing.Providers;

/// <summary>Kraken's public <c>Ticker</c> (see <see cref="KrakenClient"/>).</summary>
public interface IKrakenApi
{
    /// <param name="pair">Kraken pair names, comma-separated.</param>
    [Get("/0/public/Ticker")]
    Task<IApiResponse<JsonElement>> TickerAsync(string pair, CancellationToken ct);
}
