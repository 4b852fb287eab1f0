using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using StratosBridge.Api.Hosting;
using StratosBridge.Ledger.Migrations;
using StratosBridge.TestKit;
using StratosBridge.TestKit.PriceFeeds;
using StratosBridge.TestKit.Postgres;

namespace StratosBridge.Tests.Integration.Quotes;

/// <summary>
/// The real service (BridgeHost, role api) in this process on a free port, with its own database and its own fake
/// price providers and Stratos REST; configured like production except for the base URLs and fast polling.
/// </summary>
public sealed class PricingHarness : IAsyncDisposable
{
    /// <summary>OzonePayments on ethereum and bsc (any non-zero address will do for quoting).</summary>
    public const string EthereumContract = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    public const string BscContract = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";

    /// <summary>A Solana recipient (the system program's neighbour: any 32 bytes in base58 will do).</summary>
    public const string SolanaRecipient = "9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM";

    private readonly WebApplication _app;

    private PricingHarness(WebApplication app, TestDatabase database, FakePriceProviders fakes, Uri url)
    {
        _app = app;
        Database = database;
        Fakes = fakes;
        Url = url;
        Http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
    }

    public TestDatabase Database { get; }

    public FakePriceProviders Fakes { get; }

    public Uri Url { get; }

    public HttpClient Http { get; }

    public T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>Starts fakes, database and service; <paramref name="settings"/> override the defaults.</summary>
    public static async Task<PricingHarness> StartAsync(string hint, IDictionary<string, string?>? settings = null,
        Action<FakePriceProviders>? prepare = null)
    {
        var fakes = await FakePriceProviders.StartAsync();
        prepare?.Invoke(fakes);
        var database = await TestDatabase.CreateAsync(hint);
        var port = FreePort.Next();
        var config = fakes.Configuration();
        config["Roles"] = "api";
        config["Database:ConnectionString"] = database.ConnectionString;
        config["Chains:ethereum:ChainId"] = "1";
        config["Chains:ethereum:RpcUrl"] = "http://127.0.0.1:9";
        config["Chains:bsc:ChainId"] = "56";
        config["Chains:bsc:RpcUrl"] = "http://127.0.0.1:9";
        config["Pricing:Payments:ethereum:Contract"] = EthereumContract;
        config["Pricing:Payments:bsc:Contract"] = BscContract;
        config["Pricing:Payments:solana:Recipient"] = SolanaRecipient;
        config["Pricing:Payments:card:Enabled"] = "true";
        config["Urls"] = $"http://127.0.0.1:{port}";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                config.Remove(key); // null = not configured at all
            }
            else
            {
                config[key] = value;
            }
        }
        var app = BridgeHost.Build([], builder =>
        {
            builder.Configuration.Sources.Clear();
            builder.Configuration.AddInMemoryCollection(config);
            builder.Logging.ClearProviders();
        });
        await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync();
        await app.StartAsync();
        return new PricingHarness(app, database, fakes, new Uri($"http://127.0.0.1:{port}"));
    }

    /// <summary>Waits until every pair and the Ozone price are ok (all sources polled at least once).</summary>
    public Task WarmAsync(TimeSpan? within = null) =>
        Eventually.HoldsAsync(async () =>
        {
            using var prices = JsonDocument.Parse(await Http.GetStringAsync("/v1/prices"));
            return prices.RootElement.GetProperty("ozone").GetProperty("status").GetString() == "ok"
                   && prices.RootElement.GetProperty("pairs").EnumerateArray().All(p =>
                       p.GetProperty("status").GetString() == "ok"
                       && p.GetProperty("sources").EnumerateArray().All(s => s.GetProperty("verdict").GetString() == "used"));
        }, within ?? TimeSpan.FromSeconds(60), "every price and the Ozone price to be ok with every source used");

    public async Task<(int Status, JsonElement Body)> PostQuoteAsync(object request)
    {
        using var response = await Http.PostAsJsonAsync("/v1/quotes", request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonDocument.Parse(text.Length == 0 ? "null" : text).RootElement.Clone());
    }

    public async Task<(int Status, JsonElement Body)> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonDocument.Parse(text.Length == 0 ? "null" : text).RootElement.Clone());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Fakes.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await Database.DisposeAsync();
    }
}
