using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using StratosBridge.Api.RateLimiting;
using StratosBridge.Pricing;
using StratosBridge.Pricing.Aggregation;
using StratosBridge.Pricing.Ozone;
using StratosBridge.Pricing.Quotes;

namespace StratosBridge.Api.Prices;

/// <summary>
/// <c>GET /v1/prices</c>: each pair (ETH, BNB, SOL, STOS against USD) with its status (<c>ok</c>, <c>price-unavailable</c>,
/// <c>price-sources-disagree</c>), value, the median of the fresh sources and every source with its value, age and
/// verdict (used, outvoted, stale, missing) and last error; and the Ozone price from Stratos REST.
/// </summary>
public static class PriceEndpoints
{
    public static void Map(RouteGroupBuilder v1) => v1.MapGet("/prices", Get).WithName("GetPrices").RequireRateLimiting(AnonymousRateLimits.Lookups);

    private static Ok<JsonObject> Get(PriceOracle oracle, OzoneMarket ozone, IOptions<PricingOptions> options, TimeProvider time)
    {
        var settings = options.Value;
        var snapshot = ozone.Current;
        var fresh = ozone.Fresh();
        var ozoneView = new JsonObject
        {
            ["status"] = fresh is not null ? "ok" : PricingRefusal.OzonePriceUnavailableCode,
            ["configured"] = ozone.IsConfigured,
            ["lastError"] = ozone.LastError,
        };
        if (snapshot is not null)
        {
            foreach (var (key, value) in PricingAudit.Of(snapshot, time.GetUtcNow()).ToList())
            {
                ozoneView[key] = value?.DeepClone();
            }
        }
        return TypedResults.Ok(new JsonObject
        {
            ["pairs"] = new JsonArray(oracle.EvaluateAll().Select(p => (JsonNode)PricingAudit.Of(p)).ToArray()),
            ["ozone"] = ozoneView,
            ["spreadPercent"] = settings.SpreadPercent.ToString(CultureInfo.InvariantCulture),
        });
    }
}
