using System.Net;
using System.Net.Http.Headers;
using System.Numerics;
using System.Text.Json.Nodes;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Chains.Evm.Submitting;
using StratosBridge.TestKit;
using StratosBridge.Tests.Integration.Api;
using StratosBridge.Tests.Integration.Contracts;
using StratosBridge.Tests.Integration.Migration;

namespace StratosBridge.Tests.Integration.Watching;

/// <summary>
/// A log from a watched vault that does not decode is never skipped silently: it becomes a failed source event with
/// the raw log and the reason, shown by the transfer API (by tx hash), by <c>/v1/status</c> and to operators, with an
/// <c>ALARM</c>; the watcher's checkpoint moves past it and later locks are relayed as usual.
/// </summary>
public class UndecodedLogTests(DeployedBridgeFixture bridge) : IClassFixture<DeployedBridgeFixture>
{
    private static readonly BigInteger Stos = DeployedBridgeFixture.Stos;

    [Fact]
    public async Task A_Locked_log_that_does_not_decode_is_a_failed_source_event_in_the_api_with_an_alarm_and_the_scan_goes_on()
    {
        var (service, url, db) = await BridgeService.StartWithUrlAsync(bridge, "undecodable_lock", confirmations: 2,
            extra: new Dictionary<string, string?> { ["Admin:Tokens:0"] = AdminSettings.Token });
        await using var _ = db;
        await using var __ = service;
        using var http = new HttpClient { BaseAddress = url };
        var vault = bridge.EthereumDeployment.Vaults["stratos"];
        var holder = new EvmDirectSubmitter(bridge.EthereumRpc, bridge.Holder, 1);

        // For one transaction the vault's address runs a contract that emits the Locked topic with 3 bytes of data
        // (PUSH32 topic0, PUSH1 3, PUSH1 0, LOG1, STOP): a log from the watched vault that cannot be decoded.
        var original = (await bridge.Ethereum.RpcAsync("eth_getCode", vault.ToLowerHex(), "latest")).GetString()!;
        var emitter = "0x7f" + ContractEvents.Topic0<StosVaultContract.LockedEvent>()[2..] + "6003" + "6000" + "a1" + "00";
        await bridge.Ethereum.RpcAsync("anvil_setCode", vault.ToLowerHex(), emitter);
        string badTx;
        long badBlock;
        try
        {
            var receipt = await holder.SendAsync(vault, [], gasLimit: 100_000);
            (badTx, badBlock) = (receipt.TransactionHash, receipt.BlockNumber.ToLong());
            Assert.Single(receipt.Logs);
        }
        finally
        {
            await bridge.Ethereum.RpcAsync("anvil_setCode", vault.ToLowerHex(), original);
        }

        // A real lock after it is relayed as usual: the scan went past the bad log.
        var recipient = EthKey.Generate().Address;
        await holder.SendAsync(bridge.EthereumDeployment.StosToken!.Value, Erc20Contract.EncodeApprove(vault, Stos));
        var goodTx = (await holder.SendAsync(vault, StosVaultContract.EncodeLock(Stos, recipient))).TransactionHash;
        await bridge.Ethereum.RpcAsync("anvil_mine", "0x3");
        await Eventually.HoldsAsync(async () => await BridgeService.StatusAsync(db, goodTx) == "completed", TimeSpan.FromSeconds(90),
            "the lock after the bad log to be released");
        Assert.True(await BridgeService.CountAsync(db, "SELECT max(block_number) FROM chain_checkpoints WHERE chain = 'ethereum'") >= badBlock);

        // The transfer API by tx hash answers with the failed event and its reason, not 404.
        var byTx = await GetAsync(http, $"/v1/transfers/ethereum/{badTx}");
        Assert.Empty(byTx["transfers"]!.AsArray());
        var failed = Assert.Single(byTx["failedEvents"]!.AsArray())!;
        Assert.Equal("failed", failed["state"]!.GetValue<string>());
        Assert.Equal("locked", failed["kind"]!.GetValue<string>());
        Assert.Equal(badTx, failed["txHash"]!.GetValue<string>());
        Assert.Equal(badBlock, failed["blockNumber"]!.GetValue<long>());
        Assert.Contains("does not decode", failed["reason"]!.GetValue<string>(), StringComparison.Ordinal);

        // /v1/status counts it and shows the latest, to operators (the public summary shows no failures).
        using var statusRequest = new HttpRequestMessage(HttpMethod.Get, "/v1/status");
        statusRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminSettings.Token);
        using var statusAnswer = await http.SendAsync(statusRequest);
        Assert.Equal(HttpStatusCode.OK, statusAnswer.StatusCode);
        var status = JsonNode.Parse(await statusAnswer.Content.ReadAsStringAsync())!;
        Assert.Null((await GetAsync(http, "/v1/status"))["failedSourceEvents"]);
        Assert.Equal(1, status["failedSourceEvents"]!["count"]!.GetValue<long>());
        Assert.Equal(badTx, status["failedSourceEvents"]!["latest"]!["txHash"]!.GetValue<string>());

        // Operators get the raw log.
        using var admin = new HttpRequestMessage(HttpMethod.Get, "/v1/admin/source-events/failed");
        admin.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminSettings.Token);
        using var answer = await http.SendAsync(admin);
        var page = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var detail = Assert.Single(page["events"]!.AsArray())!;
        Assert.Equal("0x000000", detail["rawLog"]!["data"]!.GetValue<string>());
        Assert.Equal(ContractEvents.Topic0<StosVaultContract.LockedEvent>(), detail["rawLog"]!["topics"]![0]!.GetValue<string>());
        Assert.Equal(vault.ToLowerHex(), detail["rawLog"]!["address"]!.GetValue<string>());

        Assert.Contains(service.Alarms, line => line.Contains(badTx, StringComparison.Ordinal));
    }

    private static async Task<JsonNode> GetAsync(HttpClient http, string path)
    {
        using var answer = await http.GetAsync(path);
        var body = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)answer.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }
}
