using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using StratosBridge.TestKit;
using StratosBridge.TestKit.PriceFeeds;
using StratosBridge.TestKit.Postgres;

namespace StratosBridge.Bench;

/// <summary>
/// <c>ops/bench quotes</c>: the real service (Release build, role api) as a child process on its own private PostgreSQL
/// cluster and fake price providers; prices are warmed first, then <c>--concurrency</c> clients POST /v1/quotes for
/// <c>--seconds</c> (after a short warm-up) and the bench prints quotes/s and latency percentiles.
/// </summary>
public static class QuotesBench
{
    private static readonly string[] Assets = ["ETH", "BNB", "SOL", "USD"];

    public static async Task<int> RunAsync(BenchArguments args)
    {
        var seconds = args.Int("seconds", 20);
        var concurrency = args.Int("concurrency", 16);
        var dll = args.Text("service") ?? BenchService.DefaultDll;
        await using var fakes = await FakePriceProviders.StartAsync();
        await using var database = await TestDatabase.CreateAsync("bench_quotes");
        var environment = new Dictionary<string, string?>
        {
            ["Database__ConnectionString"] = database.ConnectionString,
            ["Roles"] = "api",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Chains__ethereum__ChainId"] = "1",
            ["Chains__ethereum__RpcUrl"] = "http://127.0.0.1:9",
            ["Chains__bsc__ChainId"] = "56",
            ["Chains__bsc__RpcUrl"] = "http://127.0.0.1:9",
            ["Pricing__Payments__ethereum__Contract"] = "0x5FbDB2315678afecb367f032d93F642f64180aa3",
            ["Pricing__Payments__bsc__Contract"] = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
            ["Pricing__Payments__solana__Recipient"] = "9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM",
            ["Pricing__Payments__card__Enabled"] = "true",
        };
        foreach (var (key, value) in fakes.Configuration(TimeSpan.FromSeconds(2)))
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        BenchService service;
        try
        {
            service = await BenchService.StartAsync(dll, environment, concurrency * 2);
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"the service did not get ready: {e.Message}");
            return 1;
        }
        await using var _ = service;
        var http = service.Http;
        try
        {
            await Eventually.HoldsAsync(async () =>
            {
                using var prices = JsonDocument.Parse(await http.GetStringAsync("/v1/prices"));
                return prices.RootElement.GetProperty("ozone").GetProperty("status").GetString() == "ok"
                       && prices.RootElement.GetProperty("pairs").EnumerateArray().All(p => p.GetProperty("status").GetString() == "ok");
            }, TimeSpan.FromSeconds(30), "warm prices");
        }
        catch (TimeoutException e)
        {
            Console.Error.WriteLine($"the service did not get ready: {e.Message}\n{service.Process.OutputTail}");
            return 1;
        }

        Console.WriteLine($"service pid {service.Process.Pid}, prices warm; {concurrency} clients, 3 s warm-up then {seconds} s measured");
        await LoadAsync(http, concurrency, TimeSpan.FromSeconds(3)); // JIT, connection pools
        var result = await LoadAsync(http, concurrency, TimeSpan.FromSeconds(seconds));
        var latencies = result.Latencies.Order().ToArray();
        string Ms(double p) => Percentile.Of(latencies, p).TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture);
        Console.WriteLine($"POST /v1/quotes: {result.Created} created, {result.Failed} failed in {result.Elapsed.TotalSeconds:0.0} s");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {result.Created / result.Elapsed.TotalSeconds:0} quotes/s; latency p50 {Ms(0.50)} ms, p90 {Ms(0.90)} ms, p99 {Ms(0.99)} ms, max {Ms(1.0)} ms"));
        foreach (var (status, count) in result.FailuresByStatus)
        {
            Console.WriteLine($"  failures: HTTP {status} × {count}");
        }
        return result.Failed == 0 ? 0 : 1;
    }

    private static async Task<LoadResult> LoadAsync(HttpClient http, int concurrency, TimeSpan duration)
    {
        var latencies = new ConcurrentBag<TimeSpan>();
        var failures = new ConcurrentDictionary<int, int>();
        var created = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            var beneficiary = "0x" + Convert.ToHexStringLower(RandomBytes(random, 20));
            while (clock.Elapsed < duration)
            {
                var request = new
                {
                    beneficiary,
                    payAsset = Assets[random.Next(Assets.Length)],
                    oz = random.Next(1, 10_000).ToString(CultureInfo.InvariantCulture),
                };
                var started = clock.Elapsed;
                using var response = await http.PostAsJsonAsync("/v1/quotes", request);
                await response.Content.ReadAsByteArrayAsync();
                var took = clock.Elapsed - started;
                if ((int)response.StatusCode == 201)
                {
                    latencies.Add(took);
                    Interlocked.Increment(ref created);
                }
                else
                {
                    failures.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        return new LoadResult(created, failures.Values.Sum(), clock.Elapsed, latencies.ToList(), failures.OrderBy(f => f.Key).ToList());
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private sealed record LoadResult(int Created, int Failed, TimeSpan Elapsed, List<TimeSpan> Latencies, List<KeyValuePair<int, int>> FailuresByStatus);
}
