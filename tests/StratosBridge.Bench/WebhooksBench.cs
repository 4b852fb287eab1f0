using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using StratosBridge.TestKit;
using StratosBridge.TestKit.Postgres;
using StratosBridge.TestKit.Webhooks;

namespace StratosBridge.Bench;

/// <summary>
/// <c>ops/bench webhooks</c>: deliveries per second from the real service (Release build, roles api and jobs) to a local
/// receiver that answers 200 at once. An account registers one endpoint, then asks for N test events (<c>POST …/test</c>,
/// <c>--clients</c> at a time); the bench waits until the receiver has every one and prints deliveries/s (first event
/// recorded → last delivered) and p50/p90/p99/max of event recorded → delivered, as the ledger recorded them. Exits 1
/// unless every event arrived exactly once.
/// </summary>
public static class WebhooksBench
{
    private const string Admin = "bench-admin-token-0123456789abcdef0123456789";

    public static async Task<int> RunAsync(BenchArguments args)
    {
        var count = args.PositionalInt(0, 1000);
        var clients = args.Int("clients", 8);
        var dll = args.Text("service") ?? BenchService.DefaultDll;
        await using var database = await TestDatabase.CreateAsync("bench_webhooks");
        await using var receiver = await WebhookReceiver.StartAsync();
        var environment = new Dictionary<string, string?>
        {
            ["Database__ConnectionString"] = database.ConnectionString,
            ["Roles"] = "api,jobs",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Admin__Tokens__0"] = Admin,
            ["Webhooks__AllowLoopback"] = "true",
        };
        BenchService service;
        try
        {
            service = await BenchService.StartAsync(dll, environment, maxConnections: clients * 2);
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"the service did not get ready: {e.Message}");
            return 1;
        }
        await using var _ = service;
        var key = await AccountKeyAsync(service.Http);
        var endpoint = await SendAsync(service.Http, HttpMethod.Post, "/v1/account/webhooks", key,
            new { url = receiver.Url.ToString(), events = new[] { "credit.completed" } });
        var id = endpoint.GetProperty("id").GetInt64();
        Console.WriteLine($"service pid {service.Process.Pid} (roles api, jobs); {count} test events to one endpoint, {clients} clients asking");

        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < count)
            {
                await SendAsync(service.Http, HttpMethod.Post, $"/v1/account/webhooks/{id}/test", key, null);
            }
        }));
        try
        {
            await Eventually.HoldsAsync(() => Task.FromResult(receiver.Received.Count >= count), TimeSpan.FromMinutes(5), $"{count} deliveries");
        }
        catch (TimeoutException e)
        {
            Console.Error.WriteLine($"{e.Message} ({receiver.Received.Count} received)\n{service.Process.OutputTail}");
            return 1;
        }
        await using var ledger = NpgsqlDataSource.Create(database.ConnectionString);
        var delays = new List<TimeSpan>();
        DateTime first = DateTime.MaxValue, last = DateTime.MinValue;
        await using (var cmd = ledger.CreateCommand("""
                         SELECT e.created_at, d.delivered_at FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
                          WHERE d.status = 'delivered'
                         """))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var created = reader.GetDateTime(0);
                var delivered = reader.GetDateTime(1);
                first = created < first ? created : first;
                last = delivered > last ? delivered : last;
                delays.Add(delivered - created);
            }
        }
        var distinct = receiver.Received.Select(r => r.Header("StratosBridge-Event-Id")).Distinct().Count();
        var sorted = delays.Order().ToArray();
        string Ms(double p) => Percentile.Of(sorted, p).TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
        var seconds = (last - first).TotalSeconds;
        Console.WriteLine($"  {sorted.Length} delivered ({distinct} distinct events, {receiver.Received.Count} requests) in {seconds:0.00} s: " +
                          $"{sorted.Length / Math.Max(seconds, 0.001):0} deliveries/s");
        Console.WriteLine($"  event recorded → delivered: p50 {Ms(0.5)} ms, p90 {Ms(0.9)} ms, p99 {Ms(0.99)} ms, max {Ms(1.0)} ms");
        return distinct == count && sorted.Length == count ? 0 : 1;
    }

    private static async Task<string> AccountKeyAsync(HttpClient http)
    {
        var account = await SendAsync(http, HttpMethod.Post, "/v1/admin/accounts", Admin,
            new { name = "Bench dApp", contactEmail = "bench@dapp.example", wallet = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", monthlyLimitUsd = "1.00" });
        var created = await SendAsync(http, HttpMethod.Post, $"/v1/admin/accounts/{account.GetProperty("id").GetInt64()}/keys", Admin, null);
        return created.GetProperty("key").GetString()!;
    }

    private static async Task<JsonElement> SendAsync(HttpClient http, HttpMethod method, string path, string bearer, object? body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
        }
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
