using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json.Nodes;
using Nethereum.Contracts;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Chains.Evm.Submitting;
using StratosBridge.Deploy;
using StratosBridge.Tests.Integration.Api;
using StratosBridge.Tests.Integration.Contracts;
using StratosBridge.Tests.Integration.Migration;
using StratosBridge.Tests.Integration.Payments;
using StratosBridge.TestKit;
using StratosBridge.TestKit.Anvil;
using StratosBridge.TestKit.PriceFeeds;
using StratosBridge.TestKit.Postgres;

namespace StratosBridge.Tests.Integration.Governor;

/// <summary>
/// The governor through the real service on anvil, priced by the fake price feeds (STOS at 0.25 USD): a transfer over the
/// single-transfer threshold is delayed and shown with its countdown, and an operator's decisions (refused when wrong;
/// extend, hold, release) move it until it completes once; two instances sharing a ledger never sign past the 24 h window.
/// Its own chains: the Stratos vault's 24 h cap (8 STOS) is shared by the class's tests, so amounts are small.
/// </summary>
public class GovernorTests(DeployedBridgeFixture bridge) : IClassFixture<DeployedBridgeFixture>
{
    private static readonly BigInteger Stos = DeployedBridgeFixture.Stos;
    private const int Confirmations = 2;

    [Fact]
    public async Task A_transfer_over_the_single_threshold_is_delayed_with_its_countdown_and_completes_once_when_an_operator_releases_it()
    {
        await using var prices = await FakePriceProviders.StartAsync();
        var (service, url, db) = await StartAsync(prices, "governor_single", new Dictionary<string, string?>
        {
            ["Governor:Chains:ethereum:SingleTransferUsd"] = "0.25", // 1 STOS
        });
        await using var _ = db;
        await using var __ = service;
        var small = EthKey.Generate().Address;
        var big = EthKey.Generate().Address;
        var smallTx = await LockAsync(Stos / 2, small);
        var bigTx = await LockAsync(2 * Stos, big);
        await bridge.Ethereum.RpcAsync("anvil_mine", $"0x{Confirmations + 1:x}");

        await Eventually.HoldsAsync(async () => await BridgeService.StatusAsync(db, smallTx) == "completed", TimeSpan.FromSeconds(120),
            $"the small transfer to complete\n{service.OutputTail}");
        await Eventually.HoldsAsync(async () => await BridgeService.StatusAsync(db, bigTx) == "delayed", TimeSpan.FromSeconds(60),
            $"the big transfer to be delayed\n{service.OutputTail}");
        Assert.Equal(BigInteger.Zero, await bridge.NativeBalanceAsync(bridge.StratosRpc, big));

        var shown = await TransferAsync(url, bigTx);
        Assert.Equal("delayed", shown["state"]!.GetValue<string>());
        var delay = shown["delay"]!;
        Assert.Contains("over the single-transfer threshold of 0.25 USD from ethereum", delay["reason"]!.GetValue<string>());
        Assert.Contains("worth 0.50 USD", delay["reason"]!.GetValue<string>());
        Assert.False(delay["held"]!.GetValue<bool>());
        var left = delay["secondsLeft"]!.GetValue<long>();
        Assert.InRange(left, 23 * 3600, 24 * 3600); // the default delay, 24 h, counted down from the moment it was delayed
        Assert.True(DateTimeOffset.Parse(delay["releaseAt"]!.GetValue<string>()) > DateTimeOffset.UtcNow.AddHours(23));
        var id = shown["id"]!.GetValue<long>();
        var smallId = (await TransferAsync(url, smallTx))["id"]!.GetValue<long>();

        // bad input loses nothing and says why
        using (var http = new HttpClient { BaseAddress = url })
        using (var anonymous = await http.PostAsJsonAsync($"/v1/admin/transfers/{id}/release", new { @operator = "mallory", reason = "mine" }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        }
        await AssertProblemAsync(url, "/v1/admin/transfers/999999/release", new { @operator = "alice", reason = "checked" },
            HttpStatusCode.NotFound, "transfer-not-found");
        await AssertProblemAsync(url, $"/v1/admin/transfers/{smallId}/release", new { @operator = "alice", reason = "checked" },
            HttpStatusCode.Conflict, "transfer-state");
        await AssertProblemAsync(url, $"/v1/admin/transfers/{id}/extend", new { @operator = "alice", reason = "look again", hours = -2 },
            HttpStatusCode.UnprocessableEntity, "invalid-transfer-action");
        await AssertProblemAsync(url, $"/v1/admin/transfers/{id}/release", new { @operator = "alice" },
            HttpStatusCode.UnprocessableEntity, "invalid-transfer-action");
        Assert.Equal("delayed", await BridgeService.StatusAsync(db, bigTx));

        // extended by 2 h: released later than 24 h from now
        await AcceptedAsync(url, $"/v1/admin/transfers/{id}/extend", new { @operator = "alice", reason = "large, checking the sender", hours = 2 });
        await Eventually.HoldsAsync(async () => (await TransferAsync(url, bigTx))["delay"]!["secondsLeft"]!.GetValue<long>() > 25 * 3600,
            TimeSpan.FromSeconds(60), $"the delay to be extended\n{service.OutputTail}");
        // held: no release time at all
        await AcceptedAsync(url, $"/v1/admin/transfers/{id}/hold", new { @operator = "alice", reason = "sender under review" });
        await Eventually.HoldsAsync(async () => (await TransferAsync(url, bigTx))["delay"]!["held"]!.GetValue<bool>(),
            TimeSpan.FromSeconds(60), $"the transfer to be held\n{service.OutputTail}");
        var held = (await TransferAsync(url, bigTx))["delay"]!;
        Assert.Null(held["releaseAt"]);
        Assert.Equal("held by an operator: sender under review", held["reason"]!.GetValue<string>());

        // released early: completed once, for its amount
        await AcceptedAsync(url, $"/v1/admin/transfers/{id}/release", new { @operator = "bob", reason = "sender verified" });
        await Eventually.HoldsAsync(async () => await BridgeService.StatusAsync(db, bigTx) == "completed", TimeSpan.FromSeconds(120),
            $"the released transfer to complete\n{service.OutputTail}");
        var amount = await AmountAsync(db, id);
        Assert.Equal(amount, await bridge.NativeBalanceAsync(bridge.StratosRpc, big));
        var done = await TransferAsync(url, bigTx);
        Assert.Null(done["delay"]);
        var steps = done["timeline"]!.AsArray().Select(s => s!["state"]!.GetValue<string>()).ToList();
        Assert.Equal(["pending", "finalized", "delayed", "delayed", "delayed", "finalized", "submitted", "completed"], steps);
        Assert.Contains(done["timeline"]!.AsArray(), s => s!["note"]?.GetValue<string>() == "released by an operator: sender verified");
        Assert.Equal(3, await BridgeService.CountAsync(db,
            $"SELECT count(*) FROM operator_decisions WHERE subject = 'transfer' AND subject_id = {id} AND applied"));
        Assert.Equal(1, await BridgeService.CountAsync(db,
            $"SELECT count(*) FROM timeline WHERE subject = 'transfer' AND subject_id = {id} AND actor = 'operator:bob' AND status = 'finalized'"));
        Assert.Equal(1, await BridgeService.CountAsync(db, $"SELECT count(*) FROM transfers WHERE id = {id} AND governed_usd = 0.5"));
    }

    [Fact]
    public async Task Two_instances_never_sign_more_than_the_24_hour_window_allows()
    {
        const int locks = 20;
        const decimal limit = 0.4m; // 16 of them at most, fewer after the class's other tests (the watcher sees their locks too)
        var recipients = Enumerable.Range(0, locks).Select(_ => EthKey.Generate().Address).ToArray();
        foreach (var recipient in recipients)
        {
            await LockAsync(Stos / 10, recipient); // 0.025 USD each
        }
        await bridge.Ethereum.RpcAsync("anvil_mine", $"0x{Confirmations + 1:x}");
        await using var prices = await FakePriceProviders.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Governor:Chains:ethereum:DailyLimitUsd"] = limit.ToString(CultureInfo.InvariantCulture),
            ["Relay:BatchSize"] = "1",
        };
        var db = await TestDatabase.CreateAsync("governor_window");
        await using var _ = db;
        // both at once, so that both find the same finalized transfers and race for the window
        var started = await Task.WhenAll(StartAsync(prices, "governor_window_a", settings, db), StartAsync(prices, "governor_window_b", settings, db));
        var (first, second) = (started[0].Process, started[1].Process);
        await using var __ = first;
        await using var ___ = second;

        var mine = $"FROM transfers WHERE recipient IN ({BridgeService.InList(recipients)})";
        await Eventually.HoldsAsync(async () => await BridgeService.CountAsync(db, $"SELECT count(*) {mine} AND status IN ('completed', 'delayed')") == locks,
            TimeSpan.FromSeconds(300), $"every transfer to be completed or delayed\n{await BridgeService.DescribeAsync(db)}\n{first.OutputTail}\n{second.OutputTail}");
        var used = await UsdAsync(db, "SELECT coalesce(sum(governed_usd), 0) FROM transfers WHERE source_chain = 'ethereum'");
        Assert.True(used <= limit, $"{used} USD signed, over the limit of {limit} USD");
        Assert.True(limit - used < 0.025m, $"{used} USD signed: the window had room for another transfer that was delayed");
        var completed = await BridgeService.CountAsync(db, $"SELECT count(*) {mine} AND status = 'completed'");
        Assert.InRange(completed, 1, locks - 1);
        Assert.Equal(completed, await BridgeService.CountAsync(db, $"SELECT count(*) {mine} AND governed_at IS NOT NULL"));
        Assert.Equal(0, await BridgeService.CountAsync(db,
            $"SELECT count(*) {mine} AND status = 'delayed' AND delay_reason NOT LIKE '%its limit is 0.40 USD'"));
        Assert.True(await BridgeService.CountAsync(db, "SELECT count(DISTINCT actor) FROM timeline WHERE subject = 'transfer' AND status = 'submitted'") == 2,
            "both instances signed releases");
        var paid = 0;
        foreach (var recipient in recipients)
        {
            paid += await bridge.NativeBalanceAsync(bridge.StratosRpc, recipient) == Stos / 10 ? 1 : 0;
        }
        Assert.Equal(completed, paid);
    }

    private static async Task<decimal> UsdAsync(TestDatabase db, string sql)
    {
        await using var conn = new Npgsql.NpgsqlConnection(db.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand(sql, conn);
        return (decimal)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Metrics_expose_the_named_series_to_operators_and_their_values_move_when_work_happens()
    {
        await using var prices = await FakePriceProviders.StartAsync();
        // the stratos RPC fails a fifth of the calls (retried): RPC errors by chain and kind, and the work still completes
        await using var flaky = await RpcFaultProxy.StartAsync(bridge.Stratos.RpcUrl, seed: 19);
        flaky.FailureRate = 0.2;
        var (service, url, db) = await StartAsync(prices, "governor_metrics", new Dictionary<string, string?>
        {
            ["Governor:Chains:ethereum:SingleTransferUsd"] = "0.25",
            ["Governor:Chains:ethereum:DailyLimitUsd"] = "100",
            ["Metrics:SampleInterval"] = "00:00:00.500",
            ["Watchers:PairCheckInterval"] = "00:00:01",
        }, rpcUrls: new Dictionary<string, Uri> { ["stratos"] = flaky.Url });
        await using var _ = db;
        await using var __ = service;

        using (var http = new HttpClient { BaseAddress = url })
        using (var anonymous = await http.GetAsync("/metrics"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        }
        var before = await ScrapeAsync(url);
        Assert.Null(Value(before, "stratosbridge_governor_delays_total", ("chain", "ethereum")));

        var small = EthKey.Generate().Address;
        var smallTx = await LockAsync(Stos / 5, small);
        var bigTx = await LockAsync(2 * Stos, EthKey.Generate().Address);
        await bridge.Ethereum.RpcAsync("anvil_mine", $"0x{Confirmations + 1:x}");
        await Eventually.HoldsAsync(async () => await BridgeService.StatusAsync(db, smallTx) == "completed"
                                                && await BridgeService.StatusAsync(db, bigTx) == "delayed",
            TimeSpan.FromSeconds(120), $"one transfer completed, one delayed\n{service.OutputTail}");
        // an ALARM: the watchers report a call the ethereum timelock scheduled on the vault (its release cap, set to what it is)
        var admin = new TimelockAdmin(new EvmDirectSubmitter(bridge.EthereumRpc, bridge.Settings.Deployer, 1), bridge.EthereumDeployment.Timelock);
        await admin.RunAsync(bridge.EthereumDeployment.Vaults["stratos"], new StosVaultContract.SetReleaseCapFunction { ReleaseCap = bridge.Settings.ReleaseCap }.GetCallData());

        string text = "";
        await Eventually.HoldsAsync(async () =>
        {
            text = await ScrapeAsync(url);
            return Value(text, "stratosbridge_transfers", ("source", "ethereum"), ("dest", "stratos"), ("state", "completed")) >= 1
                   && Value(text, "stratosbridge_transfers", ("source", "ethereum"), ("dest", "stratos"), ("state", "delayed")) >= 1
                   && Value(text, "stratosbridge_release_latency_seconds_count", ("source", "ethereum"), ("dest", "stratos")) >= 1
                   && Value(text, "stratosbridge_governor_delays_total", ("chain", "ethereum"), ("limit", "single-transfer")) >= 1
                   && Value(text, "stratosbridge_governor_used_usd", ("chain", "ethereum")) is > 0
                   && Value(text, "stratosbridge_signer_nonce_gap", ("chain", "stratos")) is not null
                   && Value(text, "stratosbridge_rpc_errors_total", ("chain", "stratos")) >= 1
                   && Value(text, "stratosbridge_alarms_total") >= 1;
        }, TimeSpan.FromSeconds(120), $"the series to move\n{text}\n{service.OutputTail}");
        Assert.Equal(100, Value(text, "stratosbridge_governor_limit_usd", ("chain", "ethereum")));
        Assert.Equal(0.05, Value(text, "stratosbridge_governor_used_usd", ("chain", "ethereum")));
        Assert.True(Value(text, "stratosbridge_signer_balance", ("chain", "stratos"), ("signer", bridge.Relayer.Address.ToLowerHex())) > 0);
        Assert.True(Value(text, "stratosbridge_job_duration_seconds_count", ("job", "Relay to stratos")) >= 1);
        Assert.Contains("http_server_request_duration_seconds", text); // ASP.NET Core's meter
        Assert.Contains("db_client_", text); // Npgsql's meter
    }

    private static async Task<string> ScrapeAsync(Uri url)
    {
        using var http = new HttpClient { BaseAddress = url };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminSettings.Token);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The sum of the samples of <paramref name="name"/> (exactly that series) carrying all <paramref name="labels"/>; null when none.</summary>
    private static double? Value(string text, string name, params (string Key, string Value)[] labels)
    {
        double? sum = null;
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(name, StringComparison.Ordinal) || line.Length == name.Length || (line[name.Length] != '{' && line[name.Length] != ' ')
                || labels.Any(l => !line.Contains($"{l.Key}=\"{l.Value}\"", StringComparison.Ordinal)))
            {
                continue;
            }
            var rest = line[name.Length] == '{' ? line[(line.LastIndexOf('}') + 1)..] : line[name.Length..];
            sum = (sum ?? 0) + double.Parse(rest.Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        return sum;
    }

    private async Task<(ChildProcess Process, Uri Url, TestDatabase Db)> StartAsync(FakePriceProviders prices, string name,
        IReadOnlyDictionary<string, string?> governor, TestDatabase? existing = null, IReadOnlyDictionary<string, Uri>? rpcUrls = null)
    {
        var settings = new Dictionary<string, string?>(prices.Configuration());
        foreach (var (key, value) in governor)
        {
            settings[key] = value;
        }
        return await BridgeService.StartWithUrlAsync(bridge, name, Confirmations, existing, rpcUrls: rpcUrls,
            batchSize: int.Parse(governor.GetValueOrDefault("Relay:BatchSize") ?? "50"), extra: AdminSettings.With(settings));
    }

    private async Task<string> LockAsync(BigInteger amount, EthAddress recipient)
    {
        var vault = bridge.EthereumDeployment.Vaults["stratos"];
        var holder = new EvmDirectSubmitter(bridge.EthereumRpc, bridge.Holder, 1);
        await holder.SendAsync(bridge.EthereumDeployment.StosToken!.Value, Erc20Contract.EncodeApprove(vault, amount));
        return (await holder.SendAsync(vault, StosVaultContract.EncodeLock(amount, recipient))).TransactionHash;
    }

    private static async Task<JsonNode> TransferAsync(Uri url, string lockTx)
    {
        using var http = new HttpClient { BaseAddress = url };
        return JsonNode.Parse(await http.GetStringAsync($"/v1/transfers/ethereum/{lockTx}"))!["transfers"]![0]!;
    }

    private static async Task<BigInteger> AmountAsync(TestDatabase db, long id)
    {
        await using var conn = new Npgsql.NpgsqlConnection(db.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand($"SELECT amount FROM transfers WHERE id = {id}", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        return reader.GetFieldValue<BigInteger>(0);
    }

    private static async Task AcceptedAsync(Uri url, string path, object body)
    {
        using var response = await PrepayHarness.AdminPostAsync(url, path, body);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{path}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task AssertProblemAsync(Uri url, string path, object body, HttpStatusCode status, string code)
    {
        using var response = await PrepayHarness.AdminPostAsync(url, path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{path}: {response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, JsonNode.Parse(text)!["code"]!.GetValue<string>());
    }
}
