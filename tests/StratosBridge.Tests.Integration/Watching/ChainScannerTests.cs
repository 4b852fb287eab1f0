using System.Numerics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StratosBridge.Api.Hosting;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Chains.Evm.Submitting;
using StratosBridge.Ledger.Migrations;
using StratosBridge.Relayer.Watchers;
using StratosBridge.Tests.Integration.Contracts;
using StratosBridge.Tests.Integration.Migration;
using StratosBridge.TestKit;
using StratosBridge.TestKit.Anvil;
using StratosBridge.TestKit.Postgres;

namespace StratosBridge.Tests.Integration.Watching;

/// <summary>
/// Each chain's watcher loop owns its scanner: the host hands out no scanner shared by the chains' loops (the old one
/// kept every chain's log range in one plain dictionary that all loops wrote at once), and two chains scanned at the
/// same time, one behind a node that refuses wide log ranges, each keep their own range and record all their locks.
/// </summary>
public class ChainScannerTests(DeployedBridgeFixture bridge) : IClassFixture<DeployedBridgeFixture>
{
    private static readonly BigInteger Stos = DeployedBridgeFixture.Stos;

    [Fact]
    public async Task Each_chain_loop_owns_its_scanner_and_two_chains_scanned_at_once_keep_their_own_range_and_locks()
    {
        await using var db = await TestDatabase.CreateAsync("scanner_per_chain");
        await using var narrow = await RpcFaultProxy.StartAsync(bridge.Ethereum.RpcUrl);
        narrow.MaxLogRange = 2;
        var deployment = Path.Combine(Path.GetTempPath(), $"deployment-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(deployment, bridge.DeploymentJson);
        var settings = new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = db.ConnectionString,
            ["Roles"] = "watchers",
            ["Deployment:File"] = deployment,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (chain, node) in bridge.Chains)
        {
            settings[$"Chains:{chain}:ChainId"] = node.ChainId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings[$"Chains:{chain}:RpcUrl"] = (chain == "ethereum" ? narrow.Url : node.RpcUrl).ToString();
            settings[$"Chains:{chain}:Confirmations"] = "1";
        }
        await using var app = BridgeHost.Build([], builder => builder.Configuration.AddInMemoryCollection(settings));
        await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync();

        Assert.Null(app.Services.GetService<ChainScanner>()); // nothing a second loop could share
        var ethereum = ActivatorUtilities.CreateInstance<ChainScanner>(app.Services, "ethereum");
        var stratos = ActivatorUtilities.CreateInstance<ChainScanner>(app.Services, "stratos");
        Assert.Equal("ethereum", ethereum.Chain);
        Assert.Equal("stratos", stratos.Chain);

        var ethLocks = await LockAsync(new EvmDirectSubmitter(bridge.EthereumRpc, bridge.Holder, 1), bridge.EthereumDeployment.Vaults["stratos"],
            bridge.EthereumDeployment.StosToken, bridge.Ethereum, 4);
        var locker = EthKey.Generate();
        await bridge.Stratos.RpcAsync("anvil_setBalance", locker.Address.ToLowerHex(), "0x56BC75E2D63100000");
        var stratosLocks = await LockAsync(new EvmDirectSubmitter(bridge.StratosRpc, locker, 2048), bridge.StratosDeployment.Vaults["ethereum"],
            null, bridge.Stratos, 4);

        // Both chains' loops at once, each with its own scanner, as the watcher runs them.
        await Task.WhenAll(ScanAsync(db, ethereum, bridge.EthereumRpc), ScanAsync(db, stratos, bridge.StratosRpc));

        foreach (var tx in ethLocks.Concat(stratosLocks))
        {
            Assert.Equal("finalized", await BridgeService.StatusAsync(db, tx));
        }
        Assert.True(narrow.RefusedRanges > 0, "ethereum's node refused no range");
        Assert.True(ethereum.Range < new WatcherOptions().MaxLogRange, $"ethereum's range is {ethereum.Range}: its node refuses more than 2 blocks");
        Assert.Equal(new WatcherOptions().MaxLogRange, stratos.Range); // ethereum's refusals did not shrink stratos' range
    }

    /// <summary>Polls as a watcher loop does until the scanner's checkpoint reached the chain's head (all below it final).</summary>
    private static async Task ScanAsync(TestDatabase db, ChainScanner scanner, StratosBridge.Chains.Evm.Rpc.EvmRpcClient rpc)
    {
        var head = await rpc.BlockNumberAsync();
        var sql = $"SELECT coalesce(max(block_number), -1) FROM chain_checkpoints WHERE chain = '{scanner.Chain}'";
        for (var round = 0; round < 1_000; round++)
        {
            await scanner.PollAsync(head, head, "watcher:test", CancellationToken.None);
            if (await BridgeService.CountAsync(db, sql) >= head)
            {
                return;
            }
        }
        throw new TimeoutException($"{scanner.Chain} was not scanned up to block {head}");
    }

    private static async Task<List<string>> LockAsync(EvmDirectSubmitter from, StratosBridge.Chains.Evm.EthAddress vault,
        StratosBridge.Chains.Evm.EthAddress? token, AnvilNode node, int count)
    {
        if (token is { } erc20)
        {
            await from.SendAsync(erc20, Erc20Contract.EncodeApprove(vault, count * Stos));
        }
        var txs = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var recipient = EthKey.Generate().Address;
            var amount = Stos / 100 * (i + 1);
            txs.Add((await from.SendAsync(vault, StosVaultContract.EncodeLock(amount, recipient), token is null ? amount : BigInteger.Zero)).TransactionHash);
            await node.RpcAsync("anvil_mine", "0x3"); // spread over blocks, so narrow ranges take many reads
        }
        await node.RpcAsync("anvil_mine", "0x2");
        return txs;
    }
}
