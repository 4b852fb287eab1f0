using System.Text.Json;
using Refit;

namespace StratosBridge.Pricing.Providers;

/// <summary>Gate API v4 spot tickers (see <see cref="GateClient"/>).</summary>
public interface IGateApi
{
    [Get("/api/v4/spot/tickers")]
    Task<IApiResponse<JsonElement>> TickersAsync([AliasAs("currency_pair")] string currencyPair, CancellationToken ct);
}
