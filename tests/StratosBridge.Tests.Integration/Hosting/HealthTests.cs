using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using StratosBridge.Api.Hosting;
using StratosBridge.TestKit;
using StratosBridge.TestKit.Anvil;
using StratosBridge.TestKit.Postgres;

namespace StratosBridge.Tests.Integration.Hosting;

public sealed class HealthTests
{
    [Fact]
    public async Task Ready_reports_the_ledger_and_each_chain_and_fails_on_a_wrong_or_dead_node()
    {
        await using var db = await TestDatabase.CreateAsync("health");
        await using var ethereum = await AnvilNode.StartAsync(1);
        await using var impostor = await AnvilNode.StartAsync(97); // answers, but with the wrong chain id
        var env = ServiceProcess.Environment(db.ConnectionString, "api", "health-test");
        env["Chains__ethereum__ChainId"] = "1";
        env["Chains__ethereum__RpcUrl"] = ethereum.RpcUrl.ToString();
        env["Chains__bsc__ChainId"] = "56";
        env["Chains__bsc__RpcUrl"] = impostor.RpcUrl.ToString();
        env["Chains__stratos__ChainId"] = "2048";
        env["Chains__stratos__RpcUrl"] = "http://127.0.0.1:9"; // nothing listens there
        var (service, url) = await ServiceProcess.StartAsync("health-service", env);
        await using var _ = service;
        using var http = new HttpClient();

        var live = await http.GetAsync(new Uri(url, "/health/live"));
        var ready = await http.GetAsync(new Uri(url, "/health/ready"));
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        var checks = body.RootElement.GetProperty("checks");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("ledger").GetProperty("status").GetString());
        Assert.Equal(StratosBridge.Ledger.Migrations.MigrationScript.Embedded().Max(s => s.Version), checks.GetProperty("ledger").GetProperty("data").GetProperty("schema").GetString());
        Assert.Equal("Healthy", checks.GetProperty("chain:ethereum").GetProperty("status").GetString());
        Assert.Equal(1, checks.GetProperty("chain:ethereum").GetProperty("data").GetProperty("chainId").GetInt64());
        Assert.Equal("Unhealthy", checks.GetProperty("chain:bsc").GetProperty("status").GetString());
        Assert.Contains("chain id 97", checks.GetProperty("chain:bsc").GetProperty("description").GetString());
        Assert.Equal("Unhealthy", checks.GetProperty("chain:stratos").GetProperty("status").GetString());
        Assert.Contains("unreachable", checks.GetProperty("chain:stratos").GetProperty("description").GetString());
    }

    [Fact]
    public async Task Ready_is_healthy_when_everything_answers()
    {
        await using var db = await TestDatabase.CreateAsync("health_ok");
        await using var stratos = await AnvilNode.StartAsync(2048);
        var env = ServiceProcess.Environment(db.ConnectionString, "api", "health-ok");
        env["Chains__stratos__ChainId"] = "2048";
        env["Chains__stratos__RpcUrl"] = stratos.RpcUrl.ToString();
        var (service, url) = await ServiceProcess.StartAsync("health-ok", env);
        await using var _ = service;
        using var http = new HttpClient();

        var ready = await http.GetAsync(new Uri(url, "/health/ready"));

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("\"Healthy\"", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ready_never_shows_the_text_of_an_error_from_a_ledger_that_is_down_or_a_node_that_fails()
    {
        const string nodeError = "the method eth_chainId does not exist/is not available (upstream 10.9.8.7, key pk-live-secret)";
        await using var node = await StartFailingNodeAsync(nodeError);
        var closedPort = FreePort.Next(); // nothing listens: the ledger is down
        await using var app = BridgeHost.Build([], builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:ConnectionString"] = $"Host=127.0.0.1;Port={closedPort};Username=ledger_owner;Password=secret;Database=ledger;Timeout=3",
                ["Roles"] = "api",
                ["Logging:LogLevel:Default"] = "Warning",
                ["Chains:ethereum:ChainId"] = "1",
                ["Chains:ethereum:RpcUrl"] = node.Urls.Single(),
            });
        });
        await app.StartAsync();
        using var http = app.GetTestClient();

        var ready = await http.GetAsync("/health/ready");
        var raw = await ready.Content.ReadAsStringAsync();
        using var body = JsonDocument.Parse(raw);
        var checks = body.RootElement.GetProperty("checks");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", checks.GetProperty("ledger").GetProperty("status").GetString());
        Assert.Equal("PostgreSQL unreachable", checks.GetProperty("ledger").GetProperty("description").GetString());
        Assert.Equal("Unhealthy", checks.GetProperty("chain:ethereum").GetProperty("status").GetString());
        Assert.StartsWith("RPC unreachable", checks.GetProperty("chain:ethereum").GetProperty("description").GetString());
        Assert.DoesNotContain(closedPort.ToString(System.Globalization.CultureInfo.InvariantCulture), raw);
        Assert.DoesNotContain("ledger_owner", raw);
        Assert.DoesNotContain("10.9.8.7", raw);
        Assert.DoesNotContain("does not exist", raw);
        await app.StopAsync();
    }

    /// <summary>A JSON-RPC node on 127.0.0.1 that answers every call with a JSON-RPC error carrying <paramref name="message"/>.</summary>
    private static async Task<WebApplication> StartFailingNodeAsync(string message)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var node = builder.Build();
        node.MapPost("/", async (HttpContext context) =>
        {
            using var request = await JsonDocument.ParseAsync(context.Request.Body);
            var id = request.RootElement.GetProperty("id").GetRawText();
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($$$"""{"jsonrpc":"2.0","id":{{{id}}},"error":{"code":-32601,"message":{{{JsonSerializer.Serialize(message)}}}}}""");
        });
        await node.StartAsync();
        return node;
    }
}
