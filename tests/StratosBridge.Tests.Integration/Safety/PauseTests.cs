using System.Net;
using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json.Nodes;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Tests.Integration.Contracts;
using StratosBridge.Tests.Integration.Migration;
using StratosBridge.TestKit;

namespace StratosBridge.Tests.Integration.Safety;

/// <summary>
/// An operator's pause, through the admin API of one instance, holds the work of every instance from their next round;
/// resuming through another instance releases the held transfer exactly once. Bad pause requests are refused with a code.
/// </summary>
public class PauseTests(DeployedBridgeFixture bridge) : IClassFixture<DeployedBridgeFixture>
{
    private static readonly BigInteger Stos = DeployedBridgeFixture.Stos;
    private const int Confirmations = 2;

    [Fact]
    public async Task A_route_paused_on_one_instance_holds_both_instances_and_resuming_on_the_other_releases_once()
    {
        var (first, firstUrl, db) = await BridgeService.StartWithUrlAsync(bridge, "pause_a", Confirmations,
            extra: SafetyApi.AdminToken(new Dictionary<string, string?>()));
        await using var _ = db;
        await using var __ = first;
        var (second, secondUrl, ___) = await BridgeService.StartWithUrlAsync(bridge, "pause_b", Confirmations, existing: db,
            extra: SafetyApi.AdminToken(new Dictionary<string, string?>()));
        await using var ____ = second;
        using var a = new SafetyApi(firstUrl);
        using var b = new SafetyApi(secondUrl);

        using var paused = await a.PauseAsync(new { scope = "route", chain = "ethereum", destination = "stratos", @operator = "alice",
            reason = "incident 42: checking the stratos vault" });
        var pause = await SafetyApi.JsonAsync(paused);
        Assert.Equal(HttpStatusCode.Created, paused.StatusCode);
        var pauseId = pause["id"]!.GetValue<long>();
        Assert.Equal("operator:alice", pause["pausedBy"]!.GetValue<string>());
        Assert.StartsWith("paused by operator since ", pause["message"]!.GetValue<string>(), StringComparison.Ordinal);

        using var again = await b.PauseAsync(new { scope = "route", chain = "ethereum", destination = "stratos", @operator = "bob", reason = "twice" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("already-paused", (await SafetyApi.JsonAsync(again))["code"]!.GetValue<string>());

        var recipient = EthKey.Generate().Address;
        var lockTx = await LockAsync(Stos, recipient);
        await Eventually.HoldsAsync(async () => await BridgeService.StatusAsync(db, lockTx) == "finalized", TimeSpan.FromSeconds(90),
            $"the lock to be finalized\n{first.OutputTail}");
        // Both instances run relay rounds every 200 ms: for as long as the pause is in force, neither claims the transfer.
        var heldUntil = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(6);
        while (DateTimeOffset.UtcNow < heldUntil)
        {
            Assert.Equal("finalized", await BridgeService.StatusAsync(db, lockTx));
            Assert.Equal(0, await BridgeService.CountAsync(db, "SELECT count(*) FROM outgoing_txs WHERE purpose = 'release-batch'"));
            await Task.Delay(250);
        }
        using var http = new HttpClient { BaseAddress = secondUrl };
        var shown = JsonNode.Parse(await http.GetStringAsync($"/v1/transfers/ethereum/{lockTx}"))!["transfers"]![0]!;
        var holding = Assert.Single(shown["pauses"]!.AsArray())!;
        Assert.Equal(pauseId, holding["id"]!.GetValue<long>());
        Assert.Contains("incident 42", holding["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var publicStatus = JsonNode.Parse(await http.GetStringAsync("/v1/status"))!;
        Assert.Equal("paused", publicStatus["status"]!.GetValue<string>());
        Assert.Equal("route ethereum → stratos", Assert.Single(publicStatus["pauses"]!.AsArray())!["covers"]!.GetValue<string>());

        using var resumed = await b.ResumeAsync(pauseId, new { @operator = "bob", reason = "vault checked" });
        var resumedView = await SafetyApi.JsonAsync(resumed);
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        Assert.Equal("operator:bob", resumedView["resumedBy"]!.GetValue<string>());
        Assert.False(resumedView["inForce"]!.GetValue<bool>());
        using var resumedTwice = await a.ResumeAsync(pauseId, new { @operator = "alice", reason = "again" });
        Assert.Equal(HttpStatusCode.Conflict, resumedTwice.StatusCode);
        Assert.Equal("pause-not-in-force", (await SafetyApi.JsonAsync(resumedTwice))["code"]!.GetValue<string>());

        try
        {
            await Eventually.HoldsAsync(async () => await BridgeService.StatusAsync(db, lockTx) == "completed", TimeSpan.FromSeconds(90),
                "the held transfer to complete once resumed");
        }
        catch (TimeoutException e)
        {
            // The ledger as it stands then: the transfer's claim and next attempt, the pauses in force, the outgoing txs.
            throw new TimeoutException($"{e.Message}\n{await BridgeService.DescribeAsync(db)}\n{first.OutputTail}\n{second.OutputTail}", e);
        }
        Assert.Equal(Stos, await bridge.NativeBalanceAsync(bridge.StratosRpc, recipient));
        Assert.Equal(1, await BridgeService.CountAsync(db,
            "SELECT count(DISTINCT nonce) FROM outgoing_txs WHERE purpose = 'release-batch' AND status <> 'dropped'"));
        Assert.Single(await BridgeService.TimelineAsync(db, lockTx), s => s == "completed");
        var audit = await BridgeService.CountAsync(db,
            $"SELECT count(*) FROM pauses WHERE id = {pauseId} AND paused_by = 'operator:alice' AND resumed_by = 'operator:bob' AND resume_reason = 'vault checked'");
        Assert.Equal(1, audit);
    }

    [Fact]
    public async Task Bad_pause_requests_are_refused_with_a_code_and_change_nothing()
    {
        var (service, url, db) = await BridgeService.StartWithUrlAsync(bridge, "pause_input", Confirmations,
            extra: SafetyApi.AdminToken(new Dictionary<string, string?>()));
        await using var _ = db;
        await using var __ = service;
        using var api = new SafetyApi(url);

        await RefusedAsync(api.PauseAsync(new { scope = "planet", @operator = "alice", reason = "r" }), 422, "invalid-pause-scope");
        await RefusedAsync(api.PauseAsync(new { scope = "chain", chain = "dogecoin", @operator = "alice", reason = "r" }), 422, "invalid-pause-chain");
        await RefusedAsync(api.PauseAsync(new { scope = "chain", @operator = "alice", reason = "r" }), 422, "invalid-pause-chain");
        await RefusedAsync(api.PauseAsync(new { scope = "all", chain = "ethereum", @operator = "alice", reason = "r" }), 422, "invalid-pause-chain");
        await RefusedAsync(api.PauseAsync(new { scope = "credits", chain = "stratos", @operator = "alice", reason = "r" }), 422, "invalid-pause-chain");
        await RefusedAsync(api.PauseAsync(new { scope = "route", chain = "ethereum", destination = "ethereum", @operator = "alice", reason = "r" }),
            422, "invalid-pause-route");
        await RefusedAsync(api.PauseAsync(new { scope = "all", @operator = "alice" }), 422, "invalid-pause");
        await RefusedAsync(api.PauseAsync(new { scope = "all", @operator = "alice", reason = "  " }), 422, "invalid-pause");
        await RefusedAsync(api.PauseAsync(new { scope = "all", reason = "no name" }), 422, "invalid-pause");
        using (var http = new HttpClient { BaseAddress = url })
        {
            await RefusedAsync(http.PostAsJsonAsync("/v1/admin/pauses", new { scope = "all", @operator = "mallory", reason = "r" }), 401,
                "admin-token-required");
            using var wrong = new HttpRequestMessage(HttpMethod.Post, "/v1/admin/pauses") { Content = JsonContent.Create(new { scope = "all" }) };
            wrong.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not-the-admin-token-0123456789abcdef");
            await RefusedAsync(http.SendAsync(wrong), 401, "invalid-admin-token");
        }
        await RefusedAsync(api.PostRawAsync("/v1/admin/pauses", "{not json"), 400, "invalid-json");
        await RefusedAsync(api.ResumeAsync(987654, new { @operator = "alice", reason = "r" }), 404, "pause-not-found");
        await RefusedAsync(api.ResumeAsync(1, new { @operator = "alice" }), 422, "invalid-pause");
        Assert.Equal(0, await BridgeService.CountAsync(db, "SELECT count(*) FROM pauses"));
        Assert.Empty(await api.PausesInForceAsync());
    }

    private static async Task RefusedAsync(Task<HttpResponseMessage> call, int status, string code)
    {
        using var answer = await call;
        var body = await answer.Content.ReadAsStringAsync();
        Assert.True((int)answer.StatusCode == status, $"expected {status} {code}, got {(int)answer.StatusCode}: {body}");
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, JsonNode.Parse(body)!["code"]!.GetValue<string>());
    }

    private Task<string> LockAsync(BigInteger amount, EthAddress recipient) => BridgeLocks.LockAsync(bridge, amount, recipient, Confirmations);
}
