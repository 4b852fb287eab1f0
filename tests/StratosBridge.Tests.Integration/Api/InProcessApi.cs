using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StratosBridge.Api.Hosting;
using StratosBridge.Ledger.Migrations;
using StratosBridge.TestKit.Postgres;

namespace StratosBridge.Tests.Integration.Api;

/// <summary>
/// The real host (<see cref="BridgeHost.Build"/>: configuration, validation, services, routes) with the <c>api</c> role
/// only, on an in-memory test server over a database of the test's own with the ledger migrated.
/// </summary>
public sealed class InProcessApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessApi(TestDatabase database, WebApplication app)
    {
        Database = database;
        _app = app;
        Http = app.GetTestClient();
        Seed = new LedgerSeed(app.Services);
        Payments = new PaymentSeed(app.Services);
    }

    public TestDatabase Database { get; }

    public HttpClient Http { get; }

    public LedgerSeed Seed { get; }

    public PaymentSeed Payments { get; }

    /// <param name="settings">Configuration keys (<c>Chains:ethereum:ChainId</c>, …) on top of the database and the role.</param>
    public static async Task<InProcessApi> StartAsync(string hint, IReadOnlyDictionary<string, string?> settings)
    {
        var database = await TestDatabase.CreateAsync(hint);
        var configuration = new Dictionary<string, string?>(settings)
        {
            ["Database:ConnectionString"] = database.ConnectionString,
            ["Roles"] = "api",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var app = BridgeHost.Build([], builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Configuration.AddInMemoryCollection(configuration);
        });
        try
        {
            await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync();
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            await database.DisposeAsync();
            throw;
        }
        return new InProcessApi(database, app);
    }

    /// <summary>GET <paramref name="path"/>; the status, the content type and the parsed JSON body.</summary>
    public async Task<(HttpStatusCode Status, string? ContentType, JsonNode Body, string Raw)> GetAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var raw = await response.Content.ReadAsStringAsync();
        var body = JsonNode.Parse(raw) ?? throw new InvalidOperationException($"GET {path} answered {response.StatusCode} with no JSON");
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, raw);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Database.DisposeAsync();
    }
}
