using System.Text.Json;
using StratosBridge.Pricing.Feeds;

namespace StratosBridge.Pricing.Providers;

/// <summary>
/// CoinGecko <c>GET /api/v3/simple/price?ids=…&amp;vs_currencies=usd&amp;include_last_updated_at=true</c>, all assets in
/// one request. Documented answer: <c>{"ethereum":{"usd":3500.12,"last_updated_at":1711356300}, …}</c> — one object per
/// coin id, the price as a JSON number, <c>last_updated_at</c> in Unix seconds (CoinGecko's own staleness signal).
/// </summary>
public sealed class CoinGeckoClient(ICoinGeckoApi api, string source) : ExchangeClient(source)
{
    public override async Task<IReadOnlyList<SourceReading>> FetchAsync(IReadOnlyDictionary<string, string> symbols, CancellationToken ct)
    {
        var ids = string.Join(",", symbols.Values.Distinct());
        var body = await ReadAsync(() => api.SimplePriceAsync(ids, ct), ct);
        return Parsed(() => Parse(body, symbols));
    }

    /// <summary>Readings per asset from a <c>simple/price</c> answer; an id missing from it fails that asset.</summary>
    public static IReadOnlyList<SourceReading> Parse(JsonElement root, IReadOnlyDictionary<string, string> symbols)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"expected an object of coin ids, got {root.ValueKind}");
        }
        var readings = new List<SourceReading>();
        foreach (var (asset, id) in symbols)
        {
            if (!root.TryGetProperty(id, out var coin) || coin.ValueKind != JsonValueKind.Object)
            {
                readings.Add(SourceReading.Failed(asset, $"'{id}' is not in the answer"));
                continue;
            }
            try
            {
                var price = ReadDecimal(Required(coin, "usd"), $"{id}.usd");
                DateTimeOffset? updated = coin.TryGetProperty("last_updated_at", out var at) && at.ValueKind == JsonValueKind.Number
                    ? DateTimeOffset.FromUnixTimeSeconds(at.GetInt64())
                    : null;
                readings.Add(SourceReading.Of(asset, price, updated));
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentOutOfRangeException)
            {
                readings.Add(SourceReading.Failed(asset, $"Malformed: {e.Message}"));
            }
        }
        return readings;
    }
}
