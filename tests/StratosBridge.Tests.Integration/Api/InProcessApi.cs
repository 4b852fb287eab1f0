using System.Net;
using System.Net.Http.Headers;
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
        WebApplication? app = null;
        try
        {
            app = BridgeHost.Build([], builder =>
            {
                builder.WebHost.UseTestServer();
                builder.Configuration.AddInMemoryCollection(configuration);
            });
            await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync();
            await app.StartAsync();
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
            await database.DisposeAsync();
            throw;
        }
        return new InProcessApi(database, app);
    }

    /// <summary>
    /// GET <paramref name="path"/> (with <c>Authorization: Bearer <paramref name="bearer"/></c> when given); the status, the
    /// content type and the parsed JSON body.
    /// </summary>
    public async Task<(HttpStatusCode Status, string? ContentType, JsonNode Body, string Raw)> GetAsync(string path, string? bearer = null)
    {
        var answer = await SendAsync(HttpMethod.Get, path, bearer: bearer);
        var body = answer.Body ?? throw new InvalidOperationException($"GET {path} answered {answer.Status} with no JSON");
        return (answer.Status, answer.ContentType, body, answer.Raw);
    }

    /// <summary>
    /// Sends <paramref name="method"/> <paramref name="path"/> with <paramref name="json"/> as an <c>application/json</c>
    /// body and <c>Authorization: Bearer <paramref name="bearer"/></c>, each when given.
    /// </summary>
    public async Task<ApiAnswer> SendAsync(HttpMethod method, string path, string? json = null, string? bearer = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        using var response = await Http.SendAsync(request);
        var raw = await response.Content.ReadAsStringAsync();
        return new ApiAnswer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, raw.Length == 0 ? null : JsonNode.Parse(raw),
            raw, response.Headers.WwwAuthenticate.ToString(), response.Headers.CacheControl?.ToString(), response.Headers.Location);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Database.DisposeAsync();
    }
}
