using System.Net;
using System.Text.Json;
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
        Assert.Equal("0002_quotes.sql", checks.GetProperty("ledger").GetProperty("data").GetProperty("schema").GetString());
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
}
