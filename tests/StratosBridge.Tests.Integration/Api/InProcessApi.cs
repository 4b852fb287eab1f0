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

    /// <summary>The host's services (its endpoints, options; what a test seeds through the service's own libraries, e.g. Hangfire's storage).</summary>
    public IServiceProvider Services => _app.Services;

    public HttpClient Http { get; }

    public LedgerSeed Seed { get; }

    public PaymentSeed Payments { get; }

    /// <summary>Rate limits no test reaches by accident (all of a test's requests come from one client).</summary>
    public static readonly IReadOnlyDictionary<string, string?> GenerousRateLimits = new Dictionary<string, string?>
    {
        ["RateLimits:Quotes:PermitLimit"] = "1000000",
        ["RateLimits:Lookups:PermitLimit"] = "1000000",
        ["RateLimits:CheckoutReturn:PermitLimit"] = "1000000",
    };

    /// <param name="settings">Configuration keys (<c>Chains:ethereum:ChainId</c>, …) on top of the database and the role.</param>
    /// <param name="generousRateLimits">
    /// False: the service's rate limits (the defaults, or those in <paramref name="settings"/>); true (the default): limits
    /// no test reaches (<see cref="GenerousRateLimits"/>), where <paramref name="settings"/> does not set its own.
    /// </param>
    public static async Task<InProcessApi> StartAsync(string hint, IReadOnlyDictionary<string, string?> settings, bool generousRateLimits = true)
    {
        var database = await TestDatabase.CreateAsync(hint);
        var configuration = new Dictionary<string, string?>(settings)
        {
            ["Database:ConnectionString"] = database.ConnectionString,
            ["Roles"] = "api",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (generousRateLimits)
        {
            foreach (var (key, value) in GenerousRateLimits)
            {
                configuration.TryAdd(key, value);
            }
        }
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
            raw, response.Headers.WwwAuthenticate.ToString(), response.Headers.CacheControl?.ToString(), response.Headers.Location)
        {
            RetryAfter = response.Headers.RetryAfter?.ToString(),
        };
    }

    /// <summary>
    /// As <see cref="SendAsync"/>, from the client address <paramref name="client"/> (the connection's remote IP, which
    /// the in-memory client leaves empty).
    /// </summary>
    public async Task<ApiAnswer> SendFromAsync(IPAddress client, HttpMethod method, string path, string? json = null, string? bearer = null)
    {
        var context = await _app.GetTestServer().SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = client;
            c.Request.Method = method.Method;
            var uri = new Uri(new Uri("http://localhost"), path);
            c.Request.Path = uri.AbsolutePath;
            c.Request.QueryString = new Microsoft.AspNetCore.Http.QueryString(uri.Query);
            if (json is not null)
            {
                var bytes = System.Text.Encoding.UTF8.GetBytes(json);
                c.Request.ContentType = "application/json";
                c.Request.ContentLength = bytes.Length;
                c.Request.Body = new MemoryStream(bytes);
            }
            if (bearer is not null)
            {
                c.Request.Headers.Authorization = $"Bearer {bearer}";
            }
        });
        using var reader = new StreamReader(context.Response.Body);
        var raw = await reader.ReadToEndAsync();
        var headers = context.Response.Headers;
        return new ApiAnswer((HttpStatusCode)context.Response.StatusCode, context.Response.ContentType?.Split(';')[0], raw.Length == 0 ? null : JsonNode.Parse(raw),
            raw, headers.WWWAuthenticate.ToString(), headers.CacheControl.Count == 0 ? null : headers.CacheControl.ToString(),
            headers.Location.Count == 0 ? null : new Uri(headers.Location.ToString(), UriKind.RelativeOrAbsolute))
        {
            RetryAfter = headers.RetryAfter.Count == 0 ? null : headers.RetryAfter.ToString(),
        };
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Database.DisposeAsync();
    }
}
