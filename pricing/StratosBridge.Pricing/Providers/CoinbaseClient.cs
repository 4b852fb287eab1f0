using System.Globalization;
using System.Text.Json;
using StratosBridge.Pricing.Feeds;

namespace StratosBridge.Pricing.Providers;

/// <summary>
/// Coinbase Exchange <c>GET /products/ETH-USD/ticker</c>, one request per product. Documented answer:
/// <c>{"ask":"…","bid":"…","volume":"…","trade_id":86326522,"price":"3500.10","size":"0.01","time":"2024-03-25T10:05:00.123456Z"}</c>
/// — <c>price</c> of the last trade and its <c>time</c> (ISO 8601, UTC), the staleness signal. Unknown products
/// answer 404 <c>{"message":"NotFound"}</c>. Coinbase refuses requests without a User-Agent (the client sends one).
/// </summary>
public sealed class CoinbaseClient(ICoinbaseApi api, string source) : ExchangeClient(source)
{
    public override Task<IReadOnlyList<SourceReading>> FetchAsync(IReadOnlyDictionary<string, string> symbols, CancellationToken ct) =>
        EachAsync(symbols, async (asset, product, token) =>
        {
            var body = await ReadAsync(() => api.TickerAsync(product, token), token);
            var (price, time) = Parsed(() => ParseTicker(body));
            return SourceReading.Of(asset, price, time);
        }, ct);

    /// <summary>The last trade's price and time from a product ticker answer.</summary>
    public static (decimal Price, DateTimeOffset? Time) ParseTicker(JsonElement root)
    {
        var price = ReadDecimal(Required(root, "price"), "price");
        DateTimeOffset? time = null;
        if (root.TryGetProperty("time", out var at) && at.ValueKind == JsonValueKind.String)
        {
            time = DateTimeOffset.TryParse(at.GetString(), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
                ? parsed
                : throw new FormatException($"time '{at.GetString()}' is not ISO 8601");
        }
        return (price, time);
    }
}
