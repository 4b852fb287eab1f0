using System.Collections.Concurrent;
using System.Numerics;
using Nethereum.RPC.Eth.DTOs;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Chains.Evm.Submitting;
using StratosBridge.TestKit;
using StratosBridge.TestKit.Anvil;
using StratosBridge.TestKit.Postgres;
using StratosBridge.Tests.Integration.Contracts;

namespace StratosBridge.Tests.Integration.Migration;

/// <summary>Many locks on two source chains at once, through the real service: each released exactly once, in batches.</summary>
public class MigrationVolumeTests(ThreeChainBridgeFixture bridge) : IClassFixture<ThreeChainBridgeFixture>
{
    private const int Confirmations = 2;
    private static readonly BigInteger Stos = DeployedBridgeFixture.Stos;

    [Fact]
    public async Task Five_hundred_locks_from_fifty_accounts_on_ethereum_and_bsc_are_each_released_once_in_batches()
    {
        const int accounts = 50, locksPerAccount = 10;
        var (service, db) = await BridgeService.StartAsync(bridge, "e2e_volume", Confirmations,
            extra: await BridgeService.FromHeadsAsync(bridge));
        await using var _ = db;
        await using var __ = service;
        var expected = new ConcurrentDictionary<EthAddress, BigInteger>();
        var chains = new[]
        {
            (Node: bridge.Ethereum, Rpc: bridge.EthereumRpc, Deployment: bridge.EthereumDeployment),
            (Node: bridge.Bsc!, Rpc: bridge.BscRpc!, Deployment: bridge.BscDeployment!),
        };
        using var stop = new CancellationTokenSource();
        var miners = chains.Select(c => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await c.Node.RpcAsync("anvil_mine", "0x1");
                await Task.Delay(200);
            }
        })).ToArray();

        // Half the accounts lock on ethereum, half on bsc, all at once: the two chains' locks interleave.
        await Task.WhenAll(Enumerable.Range(0, accounts).Select(a => Task.Run(async () =>
        {
            var (node, rpc, deployment) = chains[a % 2];
            var key = EthKey.Generate();
            await node.RpcAsync("anvil_setBalance", key.Address.ToLowerHex(), "0x8AC7230489E80000"); // 10 ETH for gas
            var account = new EvmDirectSubmitter(rpc, key, (ulong)node.ChainId);
            var token = deployment.StosToken!.Value;
            var vault = deployment.Vaults["stratos"];
            await account.SendAsync(token, Erc20Contract.EncodeMint(key.Address, 100 * Stos), binding: Erc20Contract.Binding);
            await account.SendAsync(token, Erc20Contract.EncodeApprove(vault, 100 * Stos), binding: Erc20Contract.Binding);
            for (var i = 0; i < locksPerAccount; i++)
            {
                var recipient = EthKey.Generate().Address;
                var amount = Stos / 100 * (a + 1) + i + 1;
                expected[recipient] = amount;
                await account.SendAsync(vault, StosVaultContract.EncodeLock(amount, recipient), binding: StosVaultContract.Binding);
            }
        })));

        var total = accounts * locksPerAccount;
        await BridgeService.WaitForReleasesAsync(db, expected.Keys, TimeSpan.FromSeconds(180), "all 500 locks to be released");
        await stop.CancelAsync();
        await Task.WhenAll(miners);

        Assert.Equal(total, expected.Count);
        foreach (var (recipient, amount) in expected)
        {
            Assert.Equal(amount, await bridge.NativeBalanceAsync(bridge.StratosRpc, recipient));
        }
        foreach (var source in new[] { "ethereum", "bsc" })
        {
            var released = await bridge.StratosRpc.GetLogsAsync(new NewFilterInput
            {
                FromBlock = EvmBlocks.Number(0),
                ToBlock = EvmBlocks.Latest,
                Address = [bridge.StratosDeployment.Vaults[source].ToLowerHex()],
                Topics = [new[] { ContractEvents.Topic0<StosVaultContract.ReleasedEvent>() }],
            });
            // (other tests of this class lock on the same chains: count only this test's recipients)
            var ids = released.Select(l => l.DecodeEvent<StosVaultContract.ReleasedEvent>(bridge.StratosDeployment.Vaults[source]))
                .Where(r => expected.ContainsKey(EthAddress.Parse(r.Recipient)))
                .Select(r => Hex.Encode(r.SourceEventId)).ToList();
            Assert.Equal(total / 2, ids.Count);
            Assert.Equal(ids.Count, ids.Distinct().Count());
        }
        var transactions = await BridgeService.CountAsync(db, "SELECT count(*) FROM outgoing_txs WHERE chain = 'stratos' AND status = 'mined'");
        Assert.True(transactions < total / 5, $"{transactions} destination transactions for {total} transfers: not batched");
    }

    [Fact]
    public async Task Two_service_instances_on_one_ledger_never_put_a_transfer_in_two_batches()
    {
        const int locks = 60;
        var fromHeads = await BridgeService.FromHeadsAsync(bridge);
        var (first, db) = await BridgeService.StartAsync(bridge, "e2e_two_a", Confirmations, batchSize: 5, extra: fromHeads);
        await using var _ = db;
        await using var __ = first;
        var (second, ___) = await BridgeService.StartAsync(bridge, "e2e_two_b", Confirmations, existing: db, batchSize: 5,
            extra: fromHeads);
        await using var ____ = second;
        var key = EthKey.Generate();
        await bridge.Ethereum.RpcAsync("anvil_setBalance", key.Address.ToLowerHex(), "0x8AC7230489E80000");
        var account = new EvmDirectSubmitter(bridge.EthereumRpc, key, 1);
        var token = bridge.EthereumDeployment.StosToken!.Value;
        var vault = bridge.EthereumDeployment.Vaults["stratos"];
        await account.SendAsync(token, Erc20Contract.EncodeMint(key.Address, 100 * Stos), binding: Erc20Contract.Binding);
        await account.SendAsync(token, Erc20Contract.EncodeApprove(vault, 100 * Stos), binding: Erc20Contract.Binding);
        var expected = new Dictionary<EthAddress, BigInteger>();
        for (var i = 0; i < locks; i++)
        {
            var recipient = EthKey.Generate().Address;
            expected[recipient] = Stos / 100 + i;
            await account.SendAsync(vault, StosVaultContract.EncodeLock(expected[recipient], recipient), binding: StosVaultContract.Binding);
        }
        await bridge.Ethereum.RpcAsync("anvil_mine", $"0x{Confirmations + 1:x}");

        var ours = BridgeService.InList(expected.Keys);
        await BridgeService.WaitForReleasesAsync(db, expected.Keys, TimeSpan.FromSeconds(120), "every lock to be released by the two instances");
        foreach (var (recipient, amount) in expected)
        {
            Assert.Equal(amount, await bridge.NativeBalanceAsync(bridge.StratosRpc, recipient));
        }
        // Each transfer went into exactly one signed transaction, and no two transactions of the signer share a nonce.
        Assert.Equal(0, await BridgeService.CountAsync(db, $"""
            SELECT count(*) FROM (SELECT l.subject_id FROM timeline l JOIN transfers t ON t.id = l.subject_id AND l.subject = 'transfer'
             WHERE l.status = 'submitted' AND t.recipient IN ({ours}) GROUP BY l.subject_id HAVING count(*) <> 1) x
            """));
        Assert.Equal(0, await BridgeService.CountAsync(db,
            "SELECT count(*) FROM (SELECT nonce FROM outgoing_txs WHERE chain = 'stratos' AND status = 'mined' GROUP BY nonce HAVING count(*) > 1) x"));
    }

    [Fact]
    public async Task PostgreSQL_restarted_mid_run_delays_but_never_loses_or_repeats_a_release()
    {
        await using var cluster = await PostgresCluster.StartPrivateAsync();
        var db = await cluster.CreateDatabaseAsync("e2e_pg_restart");
        var (service, _) = await BridgeService.StartAsync(bridge, "e2e_pg_restart", Confirmations, existing: db, batchSize: 5,
            extra: await BridgeService.FromHeadsAsync(bridge));
        await using var __ = service;
        var key = EthKey.Generate();
        await bridge.Ethereum.RpcAsync("anvil_setBalance", key.Address.ToLowerHex(), "0x8AC7230489E80000");
        var account = new EvmDirectSubmitter(bridge.EthereumRpc, key, 1);
        var token = bridge.EthereumDeployment.StosToken!.Value;
        var vault = bridge.EthereumDeployment.Vaults["stratos"];
        await account.SendAsync(token, Erc20Contract.EncodeMint(key.Address, 100 * Stos), binding: Erc20Contract.Binding);
        await account.SendAsync(token, Erc20Contract.EncodeApprove(vault, 100 * Stos), binding: Erc20Contract.Binding);
        var expected = new Dictionary<EthAddress, BigInteger>();
        async Task LockAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                var recipient = EthKey.Generate().Address;
                expected[recipient] = Stos / 100 + expected.Count;
                await account.SendAsync(vault, StosVaultContract.EncodeLock(expected[recipient], recipient), binding: StosVaultContract.Binding);
            }
            await bridge.Ethereum.RpcAsync("anvil_mine", $"0x{Confirmations + 1:x}");
        }

        await LockAsync(15);
        await Task.Delay(700); // let the watcher and the relay get going
        await cluster.RestartAsync(TimeSpan.FromSeconds(3)); // connections drop; locks keep arriving meanwhile
        await LockAsync(15);

        await BridgeService.WaitForReleasesAsync(db, expected.Keys, TimeSpan.FromSeconds(120), "every lock to be released after the restart", service);
        Assert.False(service.HasExited, "the service died when PostgreSQL went away");
        foreach (var (recipient, amount) in expected)
        {
            Assert.Equal(amount, await bridge.NativeBalanceAsync(bridge.StratosRpc, recipient));
        }
    }
}
