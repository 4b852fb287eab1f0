using System.Text.Json;
using StratosBridge.Chains.Rest;
using StratosBridge.Pricing.Feeds;
using StratosBridge.Pricing.Providers;

namespace StratosBridge.Tests.Unit.Pricing;

/// <summary>Each provider's parser on bodies shaped like the provider's documentation, and on bodies that are not.</summary>
public class ProviderParserTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public void CoinGecko_simple_price_with_last_updated_at()
    {
        var body = Json("""
            {"ethereum":{"usd":3512.42,"last_updated_at":1711356300},
             "stratos":{"usd":1.2e-1,"last_updated_at":1711356290},
             "solana":{"usd":187.05}}
            """);
        var readings = CoinGeckoClient.Parse(body, new Dictionary<string, string>
        {
            ["ETH"] = "ethereum", ["STOS"] = "stratos", ["SOL"] = "solana", ["BNB"] = "binancecoin",
        }).ToDictionary(r => r.Asset);

        Assert.Equal(3512.42m, readings["ETH"].Price);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1711356300), readings["ETH"].ProviderTime);
        Assert.Equal(0.12m, readings["STOS"].Price);
        Assert.Equal(187.05m, readings["SOL"].Price);
        Assert.Null(readings["SOL"].ProviderTime);
        Assert.Null(readings["BNB"].Price);
        Assert.Contains("binancecoin", readings["BNB"].Error);
    }

    [Fact]
    public void CoinGecko_bad_values_fail_their_asset_only()
    {
        var readings = CoinGeckoClient.Parse(Json("""{"ethereum":{"usd":"n/a"},"solana":{"usd":0},"stratos":{"usd":0.25}}"""),
            new Dictionary<string, string> { ["ETH"] = "ethereum", ["SOL"] = "solana", ["STOS"] = "stratos" }).ToDictionary(r => r.Asset);

        Assert.Contains("Malformed", readings["ETH"].Error);
        Assert.Contains("not a positive price", readings["SOL"].Error);
        Assert.Equal(0.25m, readings["STOS"].Price);
        Assert.Throws<FormatException>(() => CoinGeckoClient.Parse(Json("[1,2]"), new Dictionary<string, string> { ["ETH"] = "ethereum" }));
    }

    [Fact]
    public void Binance_and_MEXC_ticker_price()
    {
        Assert.Equal(3512.42000000m, BinanceClient.ParseTicker(Json("""{"symbol":"ETHUSDT","price":"3512.42000000"}"""), "ETHUSDT"));
        Assert.Equal(0.2512m, BinanceClient.ParseTicker(Json("""{"symbol":"STOSUSDT","price":"0.2512"}"""), "STOSUSDT"));
        Assert.Throws<FormatException>(() => BinanceClient.ParseTicker(Json("""{"symbol":"BTCUSDT","price":"60000"}"""), "ETHUSDT"));
        Assert.Throws<FormatException>(() => BinanceClient.ParseTicker(Json("""{"code":-1121,"msg":"Invalid symbol."}"""), "ETHUSDT"));
        Assert.Throws<FormatException>(() => BinanceClient.ParseTicker(Json("""{"symbol":"ETHUSDT","price":"abc"}"""), "ETHUSDT"));
    }

    [Fact]
    public void Kraken_ticker_reads_the_last_trade_of_each_pair()
    {
        var body = Json("""
            {"error":[],"result":{"XETHZUSD":{"a":["3512.50000","1","1.000"],"b":["3512.40000","3","3.000"],
              "c":["3512.42000","0.01500000"],"v":["1000.1","4000.2"],"p":["3500.1","3490.2"],"t":[1000,4000],
              "l":["3400.0","3400.0"],"h":["3600.0","3600.0"],"o":"3450.00000"}}}
            """);
        var readings = KrakenClient.Parse(body, new Dictionary<string, string> { ["ETH"] = "XETHZUSD", ["SOL"] = "SOLUSD" }).ToDictionary(r => r.Asset);

        Assert.Empty(KrakenClient.KrakenErrors(body));
        Assert.Equal(3512.42000m, readings["ETH"].Price);
        Assert.Contains("SOLUSD", readings["SOL"].Error);
        Assert.Equal(["EQuery:Unknown asset pair"], KrakenClient.KrakenErrors(Json("""{"error":["EQuery:Unknown asset pair"]}""")));
        Assert.Throws<FormatException>(() => KrakenClient.Parse(Json("""{"error":[]}"""), new Dictionary<string, string> { ["ETH"] = "XETHZUSD" }));
    }

    [Fact]
    public void Coinbase_product_ticker_with_its_time()
    {
        var (price, time) = CoinbaseClient.ParseTicker(Json("""
            {"ask":"3512.43","bid":"3512.41","volume":"12345.67","trade_id":86326522,"price":"3512.42","size":"0.015",
             "time":"2024-03-25T10:05:00.123456Z","rfq_volume":"1.5"}
            """));

        Assert.Equal(3512.42m, price);
        Assert.Equal(new DateTimeOffset(2024, 3, 25, 10, 5, 0, TimeSpan.Zero).AddTicks(1234560), time);
        Assert.Throws<FormatException>(() => CoinbaseClient.ParseTicker(Json("""{"message":"NotFound"}""")));
        Assert.Throws<FormatException>(() => CoinbaseClient.ParseTicker(Json("""{"price":"1","time":"yesterday"}""")));
    }

    [Fact]
    public void Gate_spot_tickers()
    {
        var body = Json("""
            [{"currency_pair":"STOS_USDT","last":"0.2512","lowest_ask":"0.2513","highest_bid":"0.2511","change_percentage":"-1.2",
              "base_volume":"123456","quote_volume":"31000","high_24h":"0.26","low_24h":"0.24"}]
            """);

        Assert.Equal(0.2512m, GateClient.ParseTickers(body, "STOS_USDT"));
        Assert.Throws<FormatException>(() => GateClient.ParseTickers(body, "ETH_USDT"));
        Assert.Throws<FormatException>(() => GateClient.ParseTickers(Json("""{"label":"INVALID_CURRENCY_PAIR","message":"x"}"""), "ETH_USDT"));
    }

    [Fact]
    public void Decimals_parse_exactly_from_strings_and_numbers_including_exponents()
    {
        Assert.Equal(0.000012m, ExchangeClient.ReadDecimal(Json("1.2e-05"), "v"));
        Assert.Equal(123.456m, ExchangeClient.ReadDecimal(Json("\"123.456\""), "v"));
        Assert.Equal(0.1m, ExchangeClient.ReadDecimal(Json("0.1"), "v")); // 0.1 exactly, not a double's 0.1000000000000000055…
        Assert.Throws<FormatException>(() => ExchangeClient.ReadDecimal(Json("null"), "v"));
        Assert.Throws<FormatException>(() => ExchangeClient.ReadDecimal(Json("\"1,5\""), "v"));
    }

    [Fact]
    public void Failures_say_whether_they_are_worth_retrying()
    {
        Assert.True(new PriceFeedException("s", RestErrorKind.HttpStatus, "x", System.Net.HttpStatusCode.ServiceUnavailable).IsTransient);
        Assert.True(new PriceFeedException("s", RestErrorKind.HttpStatus, "x", System.Net.HttpStatusCode.TooManyRequests).IsTransient);
        Assert.False(new PriceFeedException("s", RestErrorKind.HttpStatus, "x", System.Net.HttpStatusCode.BadRequest).IsTransient);
        Assert.True(new PriceFeedException("s", RestErrorKind.Timeout, "x").IsTransient);
        Assert.False(new PriceFeedException("s", RestErrorKind.Malformed, "x").IsTransient);
    }
}
