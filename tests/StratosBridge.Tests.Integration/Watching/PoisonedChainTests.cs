using System.Net;
using System.Numerics;
using System.Text.Json.Nodes;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Chains.Evm.Submitting;
using StratosBridge.Tests.Integration.Contracts;
using StratosBridge.Tests.Integration.Migration;
using StratosBridge.TestKit;
using StratosBridge.TestKit.Anvil;

namespace StratosBridge.Tests.Integration.Watching;

/// <summary>
/// One chain's bug never stops the whole host: bsc's node (behind a proxy) answers things that make our own code throw
/// (not an RPC error): a <c>finalized</c> block without a number (the bsc watcher) and receipts whose <c>Released</c> logs
/// do not decode (the relay to bsc). The API keeps answering, ethereum and stratos keep being watched and relayed, each
/// bsc fault is an <c>ALARM</c>; once the node answers sanely again bsc is watched and relayed as before.
/// </summary>
public class PoisonedChainTests(ThreeChainBridgeFixture bridge) : IClassFixture<ThreeChainBridgeFixture>
{
    private const int Confirmations = 2;
    private static readonly BigInteger Stos = DeployedBridgeFixture.Stos;

    [Fact]
    public async Task A_chain_whose_node_makes_our_code_throw_is_backed_off_alone_while_the_api_and_the_other_chains_go_on()
    {
        var poisoned = true;
        long poisonedReceipts = 0;
        var released = ContractEvents.Topic0<StosVaultContract.ReleasedEvent>();
        await using var bscProxy = await RpcFaultProxy.StartAsync(bridge.Bsc!.RpcUrl);
        bscProxy.Rewrite = (request, answer) =>
        {
            if (!Volatile.Read(ref poisoned) || JsonNode.Parse(request) is not JsonObject call)
            {
                return null;
            }
            var method = Text(call["method"]);
            if (method == "eth_getBlockByNumber" && Text(call["params"]?[0]) == "finalized")
            {
                return "{\"jsonrpc\":\"2.0\",\"id\":" + call["id"]!.ToJsonString() + ",\"result\":{\"hash\":\"0x00\"}}";
            }
            if (method == "eth_getTransactionReceipt" && JsonNode.Parse(answer)?["result"]?["logs"] is JsonArray logs)
            {
                var hit = false;
                foreach (var log in logs.OfType<JsonObject>().Where(l => Text(l["topics"]?[0]) == released))
                {
                    log["data"] = "0x00";
                    hit = true;
                }
                if (hit)
                {
                    Interlocked.Increment(ref poisonedReceipts);
                    return logs.Root.ToJsonString();
                }
            }
            return null;
        };
        var (service, url, db) = await BridgeService.StartWithUrlAsync(bridge, "poisoned_bsc", Confirmations,
            rpcUrls: new Dictionary<string, Uri> { ["bsc"] = bscProxy.Url },
            extra: new Dictionary<string, string?> { ["Watchers:MaxBackoff"] = "00:00:03", ["Relay:MaxBackoff"] = "00:00:03" });
        await using var _ = db;
        await using var __ = service;
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(10) };

        // stratos → bsc: the relay to bsc signs and sends the release, then reads a receipt it cannot decode.
        var toBsc = EthKey.Generate();
        await bridge.Stratos.RpcAsync("anvil_setBalance", toBsc.Address.ToLowerHex(), "0x56BC75E2D63100000"); // 100 STOS
        var onStratos = new EvmDirectSubmitter(bridge.StratosRpc, toBsc, 2048);
        var toBscTx = (await onStratos.SendAsync(bridge.StratosDeployment.Vaults["bsc"], StosVaultContract.EncodeLock(Stos, toBsc.Address), Stos))
            .TransactionHash;
        await bridge.Stratos.RpcAsync("anvil_mine", $"0x{Confirmations + 1:x}");
        await Eventually.HoldsAsync(() => Task.FromResult(Interlocked.Read(ref poisonedReceipts) > 0), TimeSpan.FromSeconds(90),
            $"the relay to bsc to read a poisoned receipt\n{service.OutputTail}");
        await Eventually.HoldsAsync(() => Task.FromResult(service.Alarms.Any(l => l.Contains("Relay to bsc failed unexpectedly", StringComparison.Ordinal))
                                                          && service.Alarms.Any(l => l.Contains("Watcher of bsc failed unexpectedly", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(60), $"an ALARM from the bsc watcher and from the relay to bsc\n{service.OutputTail}");

        // ethereum → stratos goes on while bsc is poisoned, and the API answers.
        var recipient = EthKey.Generate().Address;
        var vault = bridge.EthereumDeployment.Vaults["stratos"];
        var holder = new EvmDirectSubmitter(bridge.EthereumRpc, bridge.Holder, 1);
        await holder.SendAsync(bridge.EthereumDeployment.StosToken!.Value, Erc20Contract.EncodeApprove(vault, 2 * Stos));
        var ethTx = (await holder.SendAsync(vault, StosVaultContract.EncodeLock(2 * Stos, recipient))).TransactionHash;
        await bridge.Ethereum.RpcAsync("anvil_mine", $"0x{Confirmations + 1:x}");
        await Eventually.HoldsAsync(async () => await BridgeService.StatusAsync(db, ethTx) == "completed", TimeSpan.FromSeconds(90),
            $"the ethereum lock to be released on stratos while bsc is poisoned\n{service.OutputTail}");
        Assert.False(service.HasExited, $"the service stopped:\n{service.OutputTail}");
        using (var status = await http.GetAsync("/v1/status"))
        {
            Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        }
        Assert.NotEqual("completed", await BridgeService.StatusAsync(db, toBscTx));

        // The node heals: the release to bsc settles, and a lock on bsc is watched and released on stratos.
        Volatile.Write(ref poisoned, false);
        await Eventually.HoldsAsync(async () => await BridgeService.StatusAsync(db, toBscTx) == "completed", TimeSpan.FromSeconds(90),
            $"the release to bsc to settle once the node answers sanely\n{service.OutputTail}");
        var bscRecipient = EthKey.Generate().Address;
        var bscVault = bridge.BscDeployment!.Vaults["stratos"];
        var onBsc = new EvmDirectSubmitter(bridge.BscRpc!, bridge.Holder, 56);
        await onBsc.SendAsync(bridge.BscDeployment.StosToken!.Value, Erc20Contract.EncodeApprove(bscVault, Stos));
        var bscTx = (await onBsc.SendAsync(bscVault, StosVaultContract.EncodeLock(Stos, bscRecipient))).TransactionHash;
        await bridge.Bsc.RpcAsync("anvil_mine", $"0x{Confirmations + 1:x}");
        await Eventually.HoldsAsync(async () => await BridgeService.StatusAsync(db, bscTx) == "completed", TimeSpan.FromSeconds(90),
            $"the bsc lock to be released once bsc is watched again\n{service.OutputTail}");
        Assert.Equal(1, await BridgeService.CountAsync(db,
            $"SELECT count(*) FROM transfers WHERE recipient = '{toBsc.Address.ToLowerHex()}' AND status = 'completed'"));
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : null;
}
