using System.Globalization;
using System.Numerics;
using Nethereum.RPC.Eth.DTOs;
using Npgsql;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Chains.Evm.Submitting;
using StratosBridge.TestKit;
using StratosBridge.TestKit.Anvil;
using StratosBridge.TestKit.Postgres;
using StratosBridge.Tests.Integration.Contracts;
using StratosBridge.Tests.Integration.Hosting;
using static StratosBridge.Tests.Integration.Migration.BridgeService;

namespace StratosBridge.Tests.Integration.Migration;

/// <summary>
/// The migration end to end, with the real service process: a lock on one chain's vault is watched, becomes final after
/// the confirmation depth, and is released once on the other chain by the relay worker (both directions).
/// </summary>
public class MigrationEndToEndTests(DeployedBridgeFixture bridge) : IClassFixture<DeployedBridgeFixture>
{
    private const int Confirmations = 3;
    private static readonly BigInteger Stos = DeployedBridgeFixture.Stos;

    private Task<(ChildProcess Process, TestDatabase Db)> StartServiceAsync(string name, TestDatabase? existing = null,
        int batchSize = 50, IReadOnlyDictionary<string, Uri>? rpcUrls = null) =>
        BridgeService.StartAsync(bridge, name, Confirmations, existing, batchSize, rpcUrls);

    [Fact]
    public async Task A_lock_on_ethereum_is_released_once_on_stratos_after_the_confirmation_depth_and_back()
    {
        var (service, db) = await StartServiceAsync("e2e_migration");
        await using var _ = db;
        await using var __ = service;
        var recipient = EthKey.Generate();
        var amount = 2 * Stos + 7;
        var vault = bridge.EthereumDeployment.Vaults["stratos"];
        var holder = new EvmDirectSubmitter(bridge.EthereumRpc, bridge.Holder, 1);
        await holder.SendAsync(bridge.EthereumDeployment.StosToken!.Value, Erc20Contract.EncodeApprove(vault, amount));
        var lockTx = (await holder.SendAsync(vault, StosVaultContract.EncodeLock(amount, recipient.Address))).TransactionHash;

        await Eventually.HoldsAsync(async () => await StatusAsync(db, lockTx) == "pending", TimeSpan.FromSeconds(120), "the lock to be seen as pending");
        await Task.Delay(1000); // not final yet: the depth has not been reached, nothing may move
        Assert.Equal("pending", await StatusAsync(db, lockTx));
        Assert.Equal(BigInteger.Zero, await bridge.NativeBalanceAsync(bridge.StratosRpc, recipient.Address));

        await bridge.Ethereum.RpcAsync("anvil_mine", $"0x{Confirmations:x}");
        await Eventually.HoldsAsync(async () => await StatusAsync(db, lockTx) == "completed", TimeSpan.FromSeconds(120), "the release to complete");
        Assert.Equal(amount, await bridge.NativeBalanceAsync(bridge.StratosRpc, recipient.Address));
        Assert.Equal(["pending", "finalized", "submitted", "completed"], await TimelineAsync(db, lockTx));

        // Back: the recipient locks native STOS on stratos towards ethereum and gets the ERC-20 there.
        await bridge.Stratos.RpcAsync("anvil_setBalance", recipient.Address.ToLowerHex(), "0x56BC75E2D63100000"); // 100 STOS for gas
        var back = new EvmDirectSubmitter(bridge.StratosRpc, recipient, 2048);
        var stratosVault = bridge.StratosDeployment.Vaults["ethereum"];
        var backTx = (await back.SendAsync(stratosVault, StosVaultContract.EncodeLock(Stos, recipient.Address), Stos)).TransactionHash;
        await bridge.Stratos.RpcAsync("anvil_mine", $"0x{Confirmations:x}");
        await Eventually.HoldsAsync(async () => await StatusAsync(db, backTx) == "completed", TimeSpan.FromSeconds(120), "the reverse release");
        var token = bridge.EthereumDeployment.StosToken!.Value;
        var balance = await bridge.EthereumRpc.QueryAsync<BigInteger>(token, new Erc20Contract.BalanceOfFunction { Account = recipient.Address.ToLowerHex() });
        Assert.Equal(Stos, balance);
        Assert.Equal(1, await CountAsync(db, "SELECT count(*) FROM outgoing_txs WHERE status = 'mined' AND chain = 'ethereum'"));
    }

    [Fact]
    public async Task A_lock_reorganised_away_is_orphaned_and_never_released_and_one_included_again_is_released_once()
    {
        var (service, db) = await StartServiceAsync("e2e_reorg");
        await using var _ = db;
        await using var __ = service;
        var vault = bridge.EthereumDeployment.Vaults["stratos"];
        var holder = new EvmDirectSubmitter(bridge.EthereumRpc, bridge.Holder, 1);
        await holder.SendAsync(bridge.EthereumDeployment.StosToken!.Value, Erc20Contract.EncodeApprove(vault, 10 * Stos));

        // Gone for good: the lock's block is replaced by empty blocks.
        var lost = EthKey.Generate().Address;
        var snapshot = (await bridge.Ethereum.RpcAsync("evm_snapshot")).GetString()!;
        var lostTx = (await holder.SendAsync(vault, StosVaultContract.EncodeLock(Stos, lost))).TransactionHash;
        await Eventually.HoldsAsync(async () => await StatusAsync(db, lostTx) == "pending", TimeSpan.FromSeconds(120), "the lock to be pending");
        await bridge.Ethereum.RpcAsync("evm_revert", snapshot);
        await bridge.Ethereum.RpcAsync("anvil_mine", $"0x{Confirmations + 3:x}");
        await Eventually.HoldsAsync(async () => await StatusAsync(db, lostTx) == "orphaned", TimeSpan.FromSeconds(120), "the lock to be orphaned");
        await bridge.Ethereum.RpcAsync("anvil_mine", $"0x{Confirmations:x}");
        await Task.Delay(1500);
        Assert.Equal("orphaned", await StatusAsync(db, lostTx));
        Assert.Equal(BigInteger.Zero, await bridge.NativeBalanceAsync(bridge.StratosRpc, lost));

        // Back again: the same signed transaction is mined in a later block after the reorg.
        var again = EthKey.Generate().Address;
        snapshot = (await bridge.Ethereum.RpcAsync("evm_snapshot")).GetString()!;
        var againTx = (await holder.SendAsync(vault, StosVaultContract.EncodeLock(2 * Stos, again))).TransactionHash;
        var raw = (await bridge.Ethereum.RpcAsync("eth_getRawTransactionByHash", againTx)).GetString()!;
        await Eventually.HoldsAsync(async () => await StatusAsync(db, againTx) == "pending", TimeSpan.FromSeconds(120), "the lock to be pending");
        await bridge.Ethereum.RpcAsync("evm_revert", snapshot);
        await bridge.Ethereum.RpcAsync("anvil_mine", "0x2");
        await bridge.Ethereum.RpcAsync("eth_sendRawTransaction", raw);
        await bridge.Ethereum.RpcAsync("anvil_mine", $"0x{Confirmations + 1:x}");
        await Eventually.HoldsAsync(async () => await StatusAsync(db, againTx) == "completed", TimeSpan.FromSeconds(120), "the re-included lock's release");
        Assert.Equal(2 * Stos, await bridge.NativeBalanceAsync(bridge.StratosRpc, again));
        Assert.Contains("orphaned", await TimelineAsync(db, againTx));
        Assert.Equal(1, await CountAsync(db, $"SELECT count(*) FROM transfers WHERE recipient = '{again.ToLowerHex()}'"));
    }

    [Fact]
    public async Task Killing_the_service_at_random_moments_never_loses_or_repeats_a_release()
    {
        const int locks = 40;
        var db = await TestDatabase.CreateAsync("e2e_kill");
        await using var _ = db;
        var vault = bridge.EthereumDeployment.Vaults["stratos"];
        var holder = new EvmDirectSubmitter(bridge.EthereumRpc, bridge.Holder, 1);
        await holder.SendAsync(bridge.EthereumDeployment.StosToken!.Value, Erc20Contract.EncodeApprove(vault, 100 * Stos));
        var random = new Random(20261121);
        var expected = new Dictionary<EthAddress, BigInteger>();
        using var stop = new CancellationTokenSource();
        var miner = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await bridge.Ethereum.RpcAsync("anvil_mine", "0x1");
                await Task.Delay(150);
            }
        });
        var sender = Task.Run(async () =>
        {
            for (var i = 0; i < locks; i++)
            {
                var recipient = EthKey.Generate().Address;
                var amount = Stos / 1_000 * random.Next(1, 90) + random.Next(1, 1000); // well inside the fixture's 8 STOS daily cap
                expected[recipient] = amount;
                await holder.SendAsync(vault, StosVaultContract.EncodeLock(amount, recipient), binding: StosVaultContract.Binding);
            }
        });
        // Kill the service (SIGKILL) at random moments while locks arrive and batches are signed, sent and settled.
        for (var round = 0; round < 8; round++)
        {
            var (victim, _) = await StartServiceAsync($"kill-{round}", db, batchSize: 4);
            await Task.Delay(random.Next(300, 2500));
            victim.Kill();
            await victim.DisposeAsync();
        }
        await sender;
        var (service, __) = await StartServiceAsync("kill-final", db, batchSize: 4);
        await using var ___ = service;
        var ours = BridgeService.InList(expected.Keys);
        await BridgeService.WaitForReleasesAsync(db, expected.Keys, TimeSpan.FromSeconds(120), "every lock to be released", service);
        await stop.CancelAsync();
        await miner;

        foreach (var (recipient, amount) in expected)
        {
            Assert.Equal(amount, await bridge.NativeBalanceAsync(bridge.StratosRpc, recipient));
        }
        var released = await bridge.StratosRpc.GetLogsAsync(new NewFilterInput
        {
            FromBlock = EvmBlocks.Number(0),
            ToBlock = EvmBlocks.Latest,
            Address = [bridge.StratosDeployment.Vaults["ethereum"].ToLowerHex()],
            Topics = [new[] { ContractEvents.Topic0<StosVaultContract.ReleasedEvent>() }],
        });
        var mine = released.Select(l => l.DecodeEvent<StosVaultContract.ReleasedEvent>(bridge.StratosDeployment.Vaults["ethereum"]))
            .Where(r => expected.ContainsKey(EthAddress.Parse(r.Recipient))).ToList();
        Assert.Equal(locks, mine.Count);
        Assert.Equal(locks, mine.Select(r => Hex.Encode(r.SourceEventId)).Distinct().Count());
        Assert.Equal(locks, await CountAsync(db, $"SELECT count(*) FROM transfers WHERE recipient IN ({ours})"));
    }

    [Fact]
    public async Task Nodes_that_fail_a_third_of_calls_answer_slowly_and_refuse_wide_log_ranges_delay_but_never_lose_or_repeat_a_release()
    {
        const int locks = 15;
        await using var ethereumProxy = await RpcFaultProxy.StartAsync(bridge.Ethereum.RpcUrl, seed: 7);
        await using var stratosProxy = await RpcFaultProxy.StartAsync(bridge.Stratos.RpcUrl, seed: 11);
        foreach (var proxy in new[] { ethereumProxy, stratosProxy })
        {
            proxy.FailureRate = 0.3;
            proxy.MaxDelay = TimeSpan.FromMilliseconds(150);
            proxy.MaxLogRange = 4;
        }
        var (service, db) = await StartServiceAsync("e2e_faults", batchSize: 5,
            rpcUrls: new Dictionary<string, Uri> { ["ethereum"] = ethereumProxy.Url, ["stratos"] = stratosProxy.Url });
        await using var _ = db;
        await using var __ = service;
        var vault = bridge.EthereumDeployment.Vaults["stratos"];
        var holder = new EvmDirectSubmitter(bridge.EthereumRpc, bridge.Holder, 1);
        await holder.SendAsync(bridge.EthereumDeployment.StosToken!.Value, Erc20Contract.EncodeApprove(vault, 10 * Stos));
        var expected = new Dictionary<EthAddress, BigInteger>();
        for (var i = 0; i < locks; i++)
        {
            var recipient = EthKey.Generate().Address;
            expected[recipient] = Stos / 1_000 * (i + 1) + i;
            await holder.SendAsync(vault, StosVaultContract.EncodeLock(expected[recipient], recipient), binding: StosVaultContract.Binding);
            if (i % 3 == 0)
            {
                await bridge.Ethereum.RpcAsync("anvil_mine", "0x2"); // spread the locks over many blocks
            }
        }
        await bridge.Ethereum.RpcAsync("anvil_mine", $"0x{Confirmations + 1:x}");

        var ours = BridgeService.InList(expected.Keys);
        await BridgeService.WaitForReleasesAsync(db, expected.Keys, TimeSpan.FromSeconds(120), "every lock to be released through the faulty nodes", service);
        foreach (var (recipient, amount) in expected)
        {
            Assert.Equal(amount, await bridge.NativeBalanceAsync(bridge.StratosRpc, recipient));
        }
        Assert.True(ethereumProxy.Failures > 0 && stratosProxy.Failures > 0, "the proxies failed no call");
        Assert.True(ethereumProxy.RefusedRanges > 0, "no log range was refused");
        Assert.Equal(locks, await CountAsync(db, $"SELECT count(*) FROM transfers WHERE recipient IN ({ours})"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_release_whose_nonce_another_transaction_took_is_signed_again_only_if_the_vault_says_its_id_is_unused(bool takenBySameRelease)
    {
        await using var stratos = await RpcFaultProxy.StartAsync(bridge.Stratos.RpcUrl);
        stratos.UnavailableMethods = new HashSet<string> { "eth_sendRawTransaction" };
        // The ledger scans from today's heads: the class's earlier locks are not found again, so the one release signed is this test's.
        var (service, _, db) = await BridgeService.StartWithUrlAsync(bridge, $"e2e_nonce_taken_{takenBySameRelease}", Confirmations,
            rpcUrls: new Dictionary<string, Uri> { ["stratos"] = stratos.Url }, extra: await BridgeService.FromHeadsAsync(bridge));
        await using var _ = db;
        await using var __ = service;
        var recipient = EthKey.Generate().Address;
        var amount = Stos / 100 + 11; // small: the class shares the vault's 8 STOS daily cap
        var vault = bridge.EthereumDeployment.Vaults["stratos"];
        var holder = new EvmDirectSubmitter(bridge.EthereumRpc, bridge.Holder, 1);
        await holder.SendAsync(bridge.EthereumDeployment.StosToken!.Value, Erc20Contract.EncodeApprove(vault, amount));
        var lockTx = (await holder.SendAsync(vault, StosVaultContract.EncodeLock(amount, recipient))).TransactionHash;
        await bridge.Ethereum.RpcAsync("anvil_mine", $"0x{Confirmations + 1:x}");
        await Eventually.HoldsAsync(async () => await StatusAsync(db, lockTx) == "submitted", TimeSpan.FromSeconds(60), "the release to be signed");
        var nonce = await CountAsync(db, $"""
            SELECT o.nonce FROM outgoing_txs o JOIN transfers t ON t.outgoing_tx_id = o.id
              JOIN source_events e ON e.id = t.source_event_id WHERE e.tx_hash = '{lockTx.ToLowerInvariant()}'
            """);
        Assert.Equal(1, await CountAsync(db, "SELECT count(*) FROM outgoing_txs WHERE chain = 'stratos'"));

        // The relayer's key is used outside this ledger at that nonce: for something else, or for this very release.
        var outside = new EvmDirectSubmitter(bridge.StratosRpc, bridge.Relayer, 2048);
        var stratosVault = bridge.StratosDeployment.Vaults["ethereum"];
        byte[] call = [];
        if (takenBySameRelease)
        {
            await using var conn = new NpgsqlConnection(db.ConnectionString);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"SELECT payload->>'nonce' FROM source_events WHERE tx_hash = '{lockTx.ToLowerInvariant()}'", conn);
            var release = new VaultRelease(1, vault, ulong.Parse((string)(await cmd.ExecuteScalarAsync())!, CultureInfo.InvariantCulture), recipient,
                amount);
            call = StosVaultContract.EncodeReleaseBatch([release], [[StosVaultContract.SignRelease(bridge.Attester, 2048, stratosVault, release)]]);
        }
        var taken = await outside.SendAsync(takenBySameRelease ? stratosVault : EthAddress.Parse("0x000000000000000000000000000000000000dEaD"), call,
            binding: StosVaultContract.Binding);
        Assert.Equal(nonce, (await bridge.StratosRpc.GetTransactionByHashAsync(taken.TransactionHash))!.Nonce.ToLong());
        stratos.UnavailableMethods = new HashSet<string>();

        await Eventually.HoldsAsync(() => Task.FromResult(service.Alarms.Any(a => a.Contains("took nonce", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(60), "an ALARM that another transaction took the nonce");
        await Eventually.HoldsAsync(async () => await StatusAsync(db, lockTx) == "completed", TimeSpan.FromSeconds(60), "the transfer to complete");
        Assert.Equal(amount, await bridge.NativeBalanceAsync(bridge.StratosRpc, recipient)); // released once, whoever sent it
        Assert.Equal(1, await CountAsync(db, $"SELECT count(*) FROM outgoing_txs WHERE chain = 'stratos' AND nonce = {nonce} AND status = 'dropped'"));
        Assert.Equal(takenBySameRelease ? 0 : 1, await CountAsync(db,
            $"SELECT count(*) FROM outgoing_txs WHERE chain = 'stratos' AND nonce > {nonce} AND status = 'mined'"));
    }
}
