using System.Text.Json;
using Npgsql;
using StratosBridge.TestKit;
using StratosBridge.TestKit.PriceFeeds;
using StratosBridge.TestKit.Postgres;

namespace StratosBridge.Tests.Integration.Hosting;

/// <summary>
/// Price sources are polled once per cluster: of two real api instances on one database, one holds the price-poller
/// lease and fetches; both serve the prices it recorded; when it is killed, the other takes over the polling.
/// </summary>
public sealed class PricePollingTests
{
    private static Dictionary<string, string?> Environment(TestDatabase db, FakePriceProviders prices, string instance)
    {
        var env = ServiceProcess.Environment(db.ConnectionString, "api", instance);
        foreach (var (key, value) in prices.Configuration(TimeSpan.FromMilliseconds(200), [FakePriceProviders.Binance, FakePriceProviders.Kraken]))
        {
            env[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        return env;
    }

    /// <summary>Which processes fetched the readings now in the ledger (host:pid), and how many readings there are.</summary>
    private static async Task<(HashSet<string> Pollers, long Readings)> PollersAsync(TestDatabase db)
    {
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT polled_by FROM price_readings WHERE price IS NOT NULL", conn);
        await using var r = await cmd.ExecuteReaderAsync();
        var pollers = new HashSet<string>();
        var count = 0L;
        while (await r.ReadAsync())
        {
            pollers.Add(r.GetString(0));
            count++;
        }
        return (pollers, count);
    }

    private static async Task<decimal?> EthFromAsync(Uri url, string source)
    {
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(10) };
        using var prices = JsonDocument.Parse(await http.GetStringAsync("/v1/prices"));
        var quote = prices.RootElement.GetProperty("pairs").EnumerateArray().Single(p => p.GetProperty("pair").GetString() == "ETH/USD")
            .GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("source").GetString() == source);
        return quote.GetProperty("value").ValueKind == JsonValueKind.String ? decimal.Parse(quote.GetProperty("value").GetString()!, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    private static string Pid(ChildProcess process) => ":" + process.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task One_instance_polls_for_the_cluster_both_serve_its_prices_and_the_other_takes_over_when_it_is_killed()
    {
        await using var db = await TestDatabase.CreateAsync("price_polling");
        await using var prices = await FakePriceProviders.StartAsync();
        prices.SetMarket(("ETH", 3111.11m));
        var (a, aUrl) = await ServiceProcess.StartAsync("prices-a", Environment(db, prices, "prices-a"));
        await using var aHandle = a;
        var (b, bUrl) = await ServiceProcess.StartAsync("prices-b", Environment(db, prices, "prices-b"));
        await using var bHandle = b;

        // Both answer with the prices; every reading in the ledger was fetched by one of them.
        foreach (var url in new[] { aUrl, bUrl })
        {
            await Eventually.HoldsAsync(() => EthFromAsync(url, FakePriceProviders.Binance), v => v == 3111.11m, TimeSpan.FromSeconds(60),
                $"{url} to serve binance's ETH price");
        }
        var (pollers, readings) = await PollersAsync(db);
        Assert.True(readings >= 2, $"{readings} readings");
        var poller = Assert.Single(pollers);
        var (victim, survivor, survivorUrl) = poller.EndsWith(Pid(a), StringComparison.Ordinal) ? (a, b, bUrl) : (b, a, aUrl);

        // A new market price reaches the other instance through the ledger, still fetched by the one poller.
        prices.SetMarket(("ETH", 3222.22m));
        foreach (var url in new[] { aUrl, bUrl })
        {
            await Eventually.HoldsAsync(() => EthFromAsync(url, FakePriceProviders.Kraken), v => v == 3222.22m, TimeSpan.FromSeconds(60),
                $"{url} to serve kraken's new ETH price");
        }
        Assert.Equal([poller], (await PollersAsync(db)).Pollers);

        victim.Kill();
        prices.SetMarket(("ETH", 3333.33m));
        await Eventually.HoldsAsync(() => PollersAsync(db), p => p.Pollers.SetEquals([p.Pollers.FirstOrDefault(x => x.EndsWith(Pid(survivor), StringComparison.Ordinal)) ?? "none"]),
            TimeSpan.FromSeconds(60), "the survivor to fetch every source");
        Assert.Equal(3333.33m, await Eventually.HoldsAsync(() => EthFromAsync(survivorUrl, FakePriceProviders.Binance), v => v == 3333.33m,
            TimeSpan.FromSeconds(60), "the survivor to serve the new price"));
    }
}
