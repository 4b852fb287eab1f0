using System.Diagnostics;
using System.Text.Json;
using StratosBridge.TestKit;
using StratosBridge.TestKit.PriceFeeds;

namespace StratosBridge.Tests.Integration.Quotes;

/// <summary>
/// Providers that fail, lie, hang, go stale or send garbage, each handled per source: the others keep pricing, a liar is
/// outvoted, and when too few sources remain (or they disagree) quotes are refused with 503 and the code.
/// STOS is priced by coingecko, gate and mexc; ETH by all six exchanges.
/// </summary>
public sealed class PriceRefusalTests
{
    private const string Beneficiary = "st1t2htvpfl862vnwdqnuekd9p4ulh3h6hdt624qq";

    private static async Task<JsonElement> PairAsync(PricingHarness h, string asset)
    {
        var (_, prices) = await h.GetJsonAsync("/v1/prices");
        return prices.GetProperty("pairs").EnumerateArray().Single(p => p.GetProperty("pair").GetString() == $"{asset}/USD");
    }

    private static JsonElement Source(JsonElement pair, string source) =>
        pair.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("source").GetString() == source);

    [Fact]
    public async Task A_lying_source_is_outvoted_and_quotes_use_the_honest_median()
    {
        await using var h = await PricingHarness.StartAsync("prices_liar");
        await h.WarmAsync();

        h.Fakes.Lie(FakePriceProviders.Binance, 1.5m); // ETH at 4500 on one venue
        var eth = await Eventually.HoldsAsync(() => PairAsync(h, "ETH"),
            p => Source(p, "binance").GetProperty("verdict").GetString() == "outvoted", TimeSpan.FromSeconds(60), "binance to be outvoted");

        Assert.Equal("ok", eth.GetProperty("status").GetString());
        Assert.Equal(3000m, decimal.Parse(eth.GetProperty("value").GetString()!));
        Assert.Equal(4500m, decimal.Parse(Source(eth, "binance").GetProperty("value").GetString()!));
        var (status, quote) = await h.PostQuoteAsync(new { beneficiary = Beneficiary, payAsset = "ETH", oz = "1" });
        Assert.Equal(201, status);
        Assert.Equal("84166666668", quote.GetProperty("amountDue").GetProperty("baseUnits").GetString());
        Assert.Equal("outvoted", Source(quote.GetProperty("pricingRule").GetProperty("prices").GetProperty("ETH"), "binance")
            .GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task With_too_few_working_sources_quotes_are_refused_price_unavailable()
    {
        await using var h = await PricingHarness.StartAsync("prices_failing", prepare: fakes =>
        {
            fakes.Fail(FakePriceProviders.Gate);
            fakes.Malformed(FakePriceProviders.Mexc);
        });
        await Eventually.HoldsAsync(async () => Source(await PairAsync(h, "STOS"), "coingecko").GetProperty("verdict").GetString() == "used",
            TimeSpan.FromSeconds(60), "coingecko's STOS price");

        var stos = await Eventually.HoldsAsync(() => PairAsync(h, "STOS"),
            p => !Source(p, "mexc").GetProperty("lastError").ValueKind.Equals(JsonValueKind.Null)
                 && !Source(p, "gate").GetProperty("lastError").ValueKind.Equals(JsonValueKind.Null),
            TimeSpan.FromSeconds(60), "both failures to be recorded");
        var (status, problem) = await h.PostQuoteAsync(new { beneficiary = Beneficiary, payAsset = "ETH", oz = "1" });
        var eth = await PairAsync(h, "ETH");

        Assert.Equal("price-unavailable", stos.GetProperty("status").GetString());
        Assert.True(Source(stos, "gate").GetProperty("lastError").GetString()!.Contains("HttpStatus: HTTP 503"), stos.ToString());
        Assert.Contains("Malformed", Source(stos, "mexc").GetProperty("lastError").GetString());
        Assert.Equal("missing", Source(stos, "gate").GetProperty("verdict").GetString());
        Assert.Equal(503, status);
        Assert.Equal("price-unavailable", problem.GetProperty("code").GetString());
        Assert.Contains("STOS/USD", problem.GetProperty("detail").GetString());
        // the failing venues' other pairs fail too, but ETH still has four good sources
        Assert.Equal("ok", eth.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Hanging_sources_hold_up_nothing_and_are_timed_out()
    {
        await using var h = await PricingHarness.StartAsync("prices_hang", prepare: fakes =>
        {
            fakes.Hang(FakePriceProviders.Gate);
            fakes.Hang(FakePriceProviders.Kraken);
        });

        // STOS still has coingecko and mexc, ETH four sources: both price while two venues never answer
        await Eventually.HoldsAsync(async () =>
        {
            var stos = await PairAsync(h, "STOS");
            return stos.GetProperty("status").GetString() == "ok"
                   && Source(stos, "gate").GetProperty("lastError").GetString()?.Contains("Timeout") == true;
        }, TimeSpan.FromSeconds(60), "STOS priced without gate, and gate's timeout recorded");
        // Quotes price from the fetched values, never by calling a venue, so two hanging venues cannot hold one up.
        // (How fast is measured by ops/bench quotes, not asserted here.)
        var (status, quote) = await h.PostQuoteAsync(new { beneficiary = Beneficiary, payAsset = "ETH", oz = "1" });

        Assert.Equal(201, status);
        Assert.Equal("84166666668", quote.GetProperty("amountDue").GetProperty("baseUnits").GetString());
        Assert.Equal("missing", Source(quote.GetProperty("pricingRule").GetProperty("prices").GetProperty("ETH"), "kraken")
            .GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task Sources_that_disagree_refuse_with_price_sources_disagree()
    {
        await using var h = await PricingHarness.StartAsync("prices_disagree", prepare: fakes =>
        {
            fakes.Lie(FakePriceProviders.Gate, 1.1m);
            fakes.Lie(FakePriceProviders.Mexc, 0.9m);
        });

        var stos = await Eventually.HoldsAsync(() => PairAsync(h, "STOS"),
            p => p.GetProperty("sources").EnumerateArray().All(s => s.GetProperty("value").ValueKind == JsonValueKind.String),
            TimeSpan.FromSeconds(60), "all three STOS sources to answer");
        var (status, problem) = await h.PostQuoteAsync(new { beneficiary = Beneficiary, payAsset = "SOL", oz = "1" });

        Assert.Equal("price-sources-disagree", stos.GetProperty("status").GetString());
        Assert.Equal(503, status);
        Assert.Equal("price-sources-disagree", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_last_good_value_is_served_until_it_is_stale_and_never_after()
    {
        await using var h = await PricingHarness.StartAsync("prices_stale", new Dictionary<string, string?>
        {
            ["Pricing:Sources:gate:StaleAfter"] = "00:00:03",
            ["Pricing:Sources:coingecko:StaleAfter"] = "00:00:03",
        });
        await h.WarmAsync();

        h.Fakes.GoStale(FakePriceProviders.CoinGecko, TimeSpan.FromMinutes(10)); // its last_updated_at goes 10 min back
        h.Fakes.GoStale(FakePriceProviders.Gate, TimeSpan.Zero); // no timestamp in gate's format: it stops answering
        var failingSince = DateTime.UtcNow;

        await Eventually.HoldsAsync(async () => Source(await PairAsync(h, "STOS"), "coingecko").GetProperty("verdict").GetString() == "stale",
            TimeSpan.FromSeconds(60), "coingecko's old timestamp to make it stale");
        var meanwhile = await PairAsync(h, "STOS");
        if (DateTime.UtcNow - failingSince < TimeSpan.FromSeconds(1.5)) // well inside gate's 3 s limit even on a loaded machine
        {
            Assert.Equal("ok", meanwhile.GetProperty("status").GetString()); // gate's last good value still counts, with mexc
            Assert.Equal("used", Source(meanwhile, "gate").GetProperty("verdict").GetString());
        }

        var stale = await Eventually.HoldsAsync(() => PairAsync(h, "STOS"),
            p => Source(p, "gate").GetProperty("verdict").GetString() == "stale", TimeSpan.FromSeconds(60), "gate's last value to go stale");
        // Stale exactly when its age passed the limit. (Its age, not the wall clock since the fake stopped answering: on a
        // loaded machine the last good poll can be older than one poll interval.)
        Assert.True(Source(stale, "gate").GetProperty("ageSeconds").GetDouble() > 3);
        Assert.Equal("price-unavailable", stale.GetProperty("status").GetString());
        var (status, problem) = await h.PostQuoteAsync(new { beneficiary = Beneficiary, payAsset = "ETH", oz = "1" });
        Assert.Equal((503, "price-unavailable"), (status, problem.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Without_the_Ozone_price_Ozone_quotes_are_refused_but_open_amount_quotes_are_not()
    {
        await using var h = await PricingHarness.StartAsync("prices_no_ozone", prepare: fakes => fakes.Fail(FakePriceProviders.StratosRest));
        await Eventually.HoldsAsync(async () => (await PairAsync(h, "STOS")).GetProperty("status").GetString() == "ok",
            TimeSpan.FromSeconds(60), "STOS priced");

        var prices = await Eventually.HoldsAsync(async () => (await h.GetJsonAsync("/v1/prices")).Body,
            p => p.GetProperty("ozone").GetProperty("lastError").ValueKind == JsonValueKind.String, TimeSpan.FromSeconds(60),
            "the Ozone price's failure to be recorded");
        var (status, problem) = await h.PostQuoteAsync(new { beneficiary = Beneficiary, payAsset = "ETH", oz = "1" });
        var (openStatus, _) = await h.PostQuoteAsync(new { beneficiary = Beneficiary, payAsset = "ETH" });

        Assert.Equal((503, "ozone-price-unavailable"), (status, problem.GetProperty("code").GetString()));
        Assert.Equal(201, openStatus);
        Assert.Equal("ozone-price-unavailable", prices.GetProperty("ozone").GetProperty("status").GetString());
        Assert.True(prices.GetProperty("ozone").GetProperty("lastError").GetString()!.Contains("503"), prices.ToString());
    }
}
