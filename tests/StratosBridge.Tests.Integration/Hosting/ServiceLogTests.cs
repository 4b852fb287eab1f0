using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Chains.Evm.Submitting;
using StratosBridge.Tests.Integration.Contracts;
using StratosBridge.Tests.Integration.Migration;
using StratosBridge.Tests.Integration.Payments;
using StratosBridge.TestKit;
using StratosBridge.TestKit.Postgres;

namespace StratosBridge.Tests.Integration.Hosting;

/// <summary>
/// The service's own log at default settings (no Logging keys set; started from the repository root, as <c>ops/run</c>
/// starts it), configured as on the devnet (three chains, Solana, prices, the Stratos companion): quiet while idle, yet a
/// completed transfer shows.
/// </summary>
[Collection(PaymentsCollection.Name)]
public sealed class ServiceLogTests(PaymentsFixture payments)
{
    private const int Confirmations = PaymentsFixture.Confirmations;

    private ThreeChainBridgeFixture Bridge => payments.Bridge;

    /// <summary>Blocks both chains move while the service idles: each one seen by its watcher before the next is mined.</summary>
    private const int IdleBlocks = 30;

    /// <summary>Lines an idle service may write over those blocks (a head line for each of its four chains, and slack).</summary>
    private const int IdleLineBound = 10;

    [Fact]
    public async Task An_idle_service_writes_a_few_lines_while_its_chains_move_and_a_completed_transfer_shows()
    {
        var (service, _, db) = await payments.StartServiceAsync("quiet_log",
            extra: new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = null });
        await using var _ = db;
        await using var __ = service;
        await Eventually.HoldsAsync(async () => (await HeadsAsync(db)).All(h => h >= 0), TimeSpan.FromSeconds(120),
            $"every EVM watcher to record their chain's head\n{service.OutputTail}");

        // Idle: nothing to relay, the chains move; the window is counted in blocks each watcher has seen, not in time.
        var before = service.LinesWritten;
        for (var i = 0; i < IdleBlocks; i++)
        {
            var targets = new List<long>();
            foreach (var (_, node) in Bridge.Chains)
            {
                await node.RpcAsync("anvil_mine", "0x1");
                targets.Add(long.Parse((await node.RpcAsync("eth_blockNumber")).GetString()![2..], System.Globalization.NumberStyles.HexNumber));
            }
            await Eventually.HoldsAsync(() => HeadsAsync(db), heads => heads.Zip(targets).All(h => h.First >= h.Second),
                TimeSpan.FromSeconds(120), $"the watchers to see blocks {string.Join(", ", targets)}");
        }
        var idleLines = service.LinesWritten - before;
        Assert.True(idleLines <= IdleLineBound,
            $"an idle service wrote {idleLines} lines while its chains moved {IdleBlocks} blocks; the last ones:\n{service.OutputTail}");

        // Progress still shows: a lock on ethereum released on stratos.
        var vault = Bridge.EthereumDeployment.Vaults["stratos"];
        var holder = new EvmDirectSubmitter(Bridge.EthereumRpc, Bridge.Holder, 1);
        await holder.SendAsync(Bridge.EthereumDeployment.StosToken!.Value, Erc20Contract.EncodeApprove(vault, DeployedBridgeFixture.Stos));
        var lockTx = (await holder.SendAsync(vault, StosVaultContract.EncodeLock(DeployedBridgeFixture.Stos, EthKey.Generate().Address))).TransactionHash;
        await Eventually.HoldsAsync(async () => await BridgeService.StatusAsync(db, lockTx) == "pending", TimeSpan.FromSeconds(120), "the lock to be seen");
        await Bridge.Ethereum.RpcAsync("anvil_mine", $"0x{Confirmations + 1:x}");
        await Eventually.HoldsAsync(async () => await BridgeService.StatusAsync(db, lockTx) == "completed", TimeSpan.FromSeconds(120), "the release to complete");
        await Eventually.HoldsAsync(async () => service.OutputTail.Contains("1 of 1 transfer(s) completed", StringComparison.Ordinal),
            TimeSpan.FromSeconds(120), $"the completed release in the service's log\n{service.OutputTail}");
    }

    /// <summary>The heads the EVM watchers recorded, in the order of <see cref="DeployedBridgeFixture.Chains"/> (−1: none yet).</summary>
    private async Task<long[]> HeadsAsync(TestDatabase db)
    {
        var heads = new List<long>();
        foreach (var (name, _) in Bridge.Chains)
        {
            heads.Add(await BridgeService.CountAsync(db, $"SELECT coalesce(max(head), -1) FROM chain_heads WHERE chain = '{name}'"));
        }
        return heads.ToArray();
    }
}
