using System.Numerics;
using System.Text.Json;
using StratosBridge.Pricing.Providers;
using StratosBridge.TestKit;

namespace StratosBridge.Tests.Integration.Quotes;

/// <summary>The Chainlink source through the EVM layer against aggregators deployed on a real anvil.</summary>
public sealed class ChainlinkFeedTests(ChainlinkAnvilFixture chain) : IClassFixture<ChainlinkAnvilFixture>
{
    private static readonly BigInteger E8 = BigInteger.Pow(10, 8);

    /// <summary>An account with no code (anvil's dev account #5).</summary>
    private const string NoCode = "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc";

    [Fact]
    public async Task Rounds_are_read_with_their_decimals_and_time_and_unusable_rounds_are_refused()
    {
        var feed = await chain.DeployFeedAsync(8, "ETH / USD", 3012_34 * BigInteger.Pow(10, 6)); // 3012.34 USD
        var client = new ChainlinkClient(chain.Client, "chainlink");

        var fresh = (await client.FetchAsync(new Dictionary<string, string> { ["ETH"] = feed }, default)).Single();
        Assert.Equal(3012.34m, fresh.Price);
        Assert.InRange(fresh.ProviderTime!.Value, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));

        await chain.SetRoundAsync(feed, 3000 * E8, DateTimeOffset.UnixEpoch, 0);
        Assert.Contains("incomplete round", await ErrorAsync(client, feed));
        await chain.SetRoundAsync(feed, 3000 * E8, DateTimeOffset.UtcNow, 1);
        Assert.Contains("carried over", await ErrorAsync(client, feed));
        await chain.SetAnswerAsync(feed, -5);
        Assert.Contains("not a positive price", await ErrorAsync(client, feed));
        Assert.Contains("no code", await ErrorAsync(client, NoCode));
    }

    [Fact]
    public async Task The_service_counts_Chainlink_with_the_exchanges_outvotes_it_when_it_lies_and_drops_it_when_stale()
    {
        var feed = await chain.DeployFeedAsync(8, "ETH / USD", 3000 * E8);
        await using var h = await PricingHarness.StartAsync("chainlink", new Dictionary<string, string?>
        {
            ["Chains:ethereum:RpcUrl"] = chain.Node.RpcUrl.ToString(),
            ["Pricing:Sources:chainlink:Chain"] = "ethereum",
            ["Pricing:Sources:chainlink:Symbols:ETH"] = feed,
            ["Pricing:Sources:chainlink:PollInterval"] = "00:00:00.200",
            ["Pricing:Sources:chainlink:StaleAfter"] = "00:01:00",
        });

        async Task<JsonElement> ChainlinkAsync(string verdict) =>
            await Eventually.HoldsAsync(async () =>
                {
                    var (_, prices) = await h.GetJsonAsync("/v1/prices");
                    return prices.GetProperty("pairs").EnumerateArray().Single(p => p.GetProperty("pair").GetString() == "ETH/USD")
                        .GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("source").GetString() == "chainlink");
                }, s => s.GetProperty("verdict").GetString() == verdict, TimeSpan.FromSeconds(60), $"chainlink's ETH price to be {verdict}");

        var used = await ChainlinkAsync("used");
        Assert.Equal(3000m, decimal.Parse(used.GetProperty("value").GetString()!));
        Assert.Equal("chainlink", used.GetProperty("provider").GetString());

        await chain.SetAnswerAsync(feed, 4500 * E8);
        var outvoted = await ChainlinkAsync("outvoted");
        Assert.Equal(4500m, decimal.Parse(outvoted.GetProperty("value").GetString()!));

        await chain.SetRoundAsync(feed, 3000 * E8, DateTimeOffset.UtcNow.AddMinutes(-2), 0);
        var stale = await ChainlinkAsync("stale");
        Assert.True(stale.GetProperty("ageSeconds").GetDouble() >= 119);

        var (status, _) = await h.PostQuoteAsync(new { beneficiary = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", payAsset = "ETH", oz = "1" });
        Assert.Equal(201, status);
    }

    private static async Task<string> ErrorAsync(ChainlinkClient client, string feed)
    {
        var reading = (await client.FetchAsync(new Dictionary<string, string> { ["ETH"] = feed }, default)).Single();
        Assert.Null(reading.Price);
        return reading.Error!;
    }
}
