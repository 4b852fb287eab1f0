using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using StratosBridge.Pricing.Aggregation;
using StratosBridge.Pricing.Ozone;

namespace StratosBridge.Pricing.Quotes;

/// <summary>The JSON a quote keeps of how it was priced: every source, its value, age and verdict; the medians; the Ozone state.</summary>
public static class PricingAudit
{
    public static JsonObject Of(AggregatedPrice price) => new()
    {
        ["pair"] = $"{price.Asset}/USD",
        ["status"] = price.Status.ToWire(),
        ["value"] = Text(price.Value),
        ["freshMedian"] = Text(price.FreshMedian),
        ["minSources"] = price.Rules.MinSources,
        ["maxDeviationPercent"] = Text(price.Rules.MaxDeviationPercent),
        ["reason"] = price.Reason,
        ["sources"] = new JsonArray(price.Sources.Select(v => (JsonNode)new JsonObject
        {
            ["source"] = v.Quote.Source,
            ["provider"] = v.Quote.Provider,
            ["value"] = Text(v.Quote.Value),
            ["ageSeconds"] = v.Quote.Age is { } age ? Math.Round(age.TotalSeconds, 3) : null,
            ["verdict"] = v.Verdict.ToString().ToLowerInvariant(),
            ["lastError"] = v.Quote.LastError,
        }).ToArray()),
    };

    public static JsonObject Of(OzoneSnapshot ozone, DateTimeOffset now) => new()
    {
        ["remainingNoz"] = ozone.RemainingNoz.ToString(CultureInfo.InvariantCulture),
        ["totalNoz"] = ozone.TotalNoz.ToString(CultureInfo.InvariantCulture),
        ["nozPriceWei"] = ozone.NozPrice.ToString(),
        ["depositAndPrepayWei"] = new JsonObject
        {
            ["low"] = ozone.DepositAndPrepayLow.ToString(CultureInfo.InvariantCulture),
            ["high"] = ozone.DepositAndPrepayHigh.ToString(CultureInfo.InvariantCulture),
        },
        ["probe"] = new JsonObject
        {
            ["wei"] = ozone.ProbeWei.ToString(CultureInfo.InvariantCulture),
            ["noz"] = ozone.ProbeNoz.ToString(CultureInfo.InvariantCulture),
        },
        ["height"] = ozone.Height,
        ["ageSeconds"] = Math.Round((now - ozone.FetchedAt).TotalSeconds, 3),
    };

    public static string? Text(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    public static string Text(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);
}
