using System.Net.Http.Headers;
using System.Numerics;
using System.Text.Json;
using Npgsql;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Chains.Evm.Submitting;
using StratosBridge.Tests.Integration.Api;
using StratosBridge.Tests.Integration.Contracts;
using StratosBridge.Tests.Integration.Migration;
using StratosBridge.Tests.Integration.Safety;
using StratosBridge.TestKit;
using StratosBridge.TestKit.Anvil;
using StratosBridge.TestKit.Postgres;
using static StratosBridge.Tests.Integration.Migration.BridgeService;

namespace StratosBridge.Tests.Integration.Attesting;

/// <summary>
/// Issue 18's acceptance on anvil with real processes: the service (api, jobs, watchers) holds no attester key, and the
/// vaults need 2 of 3 attesters, each its own process (<c>Roles=attester</c>) with its own key, journal and nodes.
/// </summary>
public sealed class AttesterProcessTests(AttestedBridgeFixture bridge) : IClassFixture<AttestedBridgeFixture>, IAsyncLifetime
{
    private const int Confirmations = 0;
    private static readonly BigInteger Stos = DeployedBridgeFixture.Stos;
    private static readonly TimeSpan Within = TimeSpan.FromMinutes(3);
    private readonly string _journals = Directory.CreateTempSubdirectory("attester-journals-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(_journals, recursive: true);
        return Task.CompletedTask;
    }

    private EthAddress EthereumVault => bridge.EthereumDeployment.Vaults["stratos"];

    private EthAddress StratosVault => bridge.StratosDeployment.Vaults["ethereum"];

    /// <summary>The service with no attester key: not even the devnet shortcut.</summary>
    private async Task<(ChildProcess Service, Uri Url, TestDatabase Db)> StartServiceAsync(string name, IReadOnlyDictionary<string, Uri>? rpcUrls = null,
        TimeSpan? relayPoll = null)
    {
        foreach (var (_, node) in bridge.Chains)
        {
            await node.RpcAsync("anvil_mine", "0x1"); // the head block holds no earlier test's lock
        }
        var settings = await FromHeadsAsync(bridge);
        settings["Relay:AttesterKeys"] = "";
        settings["Relay:InProcessAttesters"] = "false";
        if (relayPoll is { } poll)
        {
            settings["Relay:PollInterval"] = poll.ToString("c");
        }
        return await StartWithUrlAsync(bridge, name, Confirmations, rpcUrls: rpcUrls, extra: SafetyApi.AdminToken(settings));
    }

    private Task<ChildProcess> StartAttesterAsync(TestDatabase db, int which, IReadOnlyDictionary<string, Uri>? rpcUrls = null,
        TimeSpan? pollInterval = null) =>
        BridgeService.StartAttesterAsync(bridge, db, $"attester-{which}", AttestedBridgeFixture.AttesterKeys[which],
            Path.Combine(_journals, $"{db.Name}-{which}.journal"), Confirmations, rpcUrls, pollInterval);

    private async Task<string> LockAsync(EthAddress recipient, BigInteger amount)
    {
        var holder = new EvmDirectSubmitter(bridge.EthereumRpc, bridge.Holder, 1);
        await holder.SendAsync(bridge.EthereumDeployment.StosToken!.Value, Erc20Contract.EncodeApprove(EthereumVault, amount));
        return (await holder.SendAsync(EthereumVault, StosVaultContract.EncodeLock(amount, recipient))).TransactionHash;
    }

    private static async Task<JsonElement> TransferAsync(Uri url, string txHash)
    {
        using var http = new HttpClient { BaseAddress = url };
        using var doc = JsonDocument.Parse(await http.GetStringAsync($"/v1/transfers/ethereum/{txHash}"));
        return doc.RootElement.GetProperty("transfers")[0].Clone();
    }

    private static async Task<JsonElement[]> AttestersAsync(Uri url)
    {
        using var http = new HttpClient { BaseAddress = url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminSettings.Token);
        using var doc = JsonDocument.Parse(await http.GetStringAsync("/v1/status"));
        return doc.RootElement.GetProperty("attesters").EnumerateArray().Select(a => a.Clone()).ToArray();
    }

    private async Task<byte[]> UsedContentAsync(byte[] releaseId) =>
        await bridge.StratosRpc.QueryAsync<byte[]>(StratosVault, new StosVaultContract.UsedContentFunction { SourceEventId = releaseId });

    [Fact]
    public async Task Two_of_three_releases_go_on_with_one_attester_killed_stop_with_two_killed_and_resume_when_one_is_back()
    {
        var (service, url, db) = await StartServiceAsync("attest_kill");
        await using var _ = db;
        await using var __ = service;
        var attesters = new[] { await StartAttesterAsync(db, 0), await StartAttesterAsync(db, 1), await StartAttesterAsync(db, 2) };
        try
        {
            var first = EthKey.Generate().Address;
            var firstTx = await LockAsync(first, 2 * Stos);
            await Eventually.HoldsAsync(async () => await StatusAsync(db, firstTx) == "completed", Within, "a release with three attesters up");
            Assert.Equal(2 * Stos, await bridge.NativeBalanceAsync(bridge.StratosRpc, first));
            Assert.Empty(service.Alarms);

            attesters[0].Kill();
            var second = EthKey.Generate().Address;
            var secondTx = await LockAsync(second, Stos);
            await Eventually.HoldsAsync(async () => await StatusAsync(db, secondTx) == "completed", Within, "a release with one attester killed");
            Assert.Equal(Stos, await bridge.NativeBalanceAsync(bridge.StratosRpc, second));

            attesters[1].Kill();
            var third = EthKey.Generate().Address;
            var thirdTx = await LockAsync(third, Stos);
            var waiting = await Eventually.HoldsAsync(() => TransferAsync(url, thirdTx),
                t => t.GetProperty("lastError").GetString()?.StartsWith("awaiting attestations 1/2", StringComparison.Ordinal) == true, Within,
                "the transfer to show that it awaits attestations");
            Assert.Equal("finalized", waiting.GetProperty("state").GetString());
            Assert.Contains(EthKey.FromHex(AttestedBridgeFixture.AttesterKeys[2]).Address.ToString(), waiting.GetProperty("lastError").GetString());
            Assert.Equal(0, await CountAsync(db, "SELECT count(*) FROM outgoing_txs WHERE chain = 'stratos' AND status IN ('signed', 'broadcast')"));
            Assert.Equal(BigInteger.Zero, await bridge.NativeBalanceAsync(bridge.StratosRpc, third));
            // /v1/status: every attester with its key; the two that are down have not signed the waiting lock (their lag)
            var lag = await Eventually.HoldsAsync(() => AttestersAsync(url), a => a.Length == 3 && a.Count(x => x.GetProperty("unsigned").GetInt64() >= 1) == 2,
                Within, "/v1/status to show two attesters lagging");
            var live = Assert.Single(lag, a => a.GetProperty("unsigned").GetInt64() == 0);
            Assert.Equal(EthKey.FromHex(AttestedBridgeFixture.AttesterKeys[2]).Address.ToString(), live.GetProperty("address").GetString());
            Assert.All(lag, a => Assert.True(a.GetProperty("attested").GetInt64() >= 1));
            Assert.All(lag.Where(a => a.GetProperty("unsigned").GetInt64() >= 1), a => Assert.NotNull(a.GetProperty("lag").GetString()));

            attesters[1] = await StartAttesterAsync(db, 1); // the same key and journal
            await Diagnose(() => Eventually.HoldsAsync(async () => await StatusAsync(db, thirdTx) == "completed", Within, "the release once an attester is back"),
                db, service, attesters);
            Assert.Equal(Stos, await bridge.NativeBalanceAsync(bridge.StratosRpc, third));
            Assert.Equal(3, await CountAsync(db, "SELECT count(*) FROM transfers WHERE status = 'completed'"));
        }
        finally
        {
            foreach (var attester in attesters)
            {
                await attester.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Issue 23: work that becomes due wakes the processes that do it, across processes, through the ledger (LISTEN/NOTIFY).
    /// The attesters and the relay worker poll only every 10 minutes here, longer than the test waits: the lock's finality
    /// wakes the attesters, their signatures wake the relayer, and its batch is followed on the destination's new heads.
    /// </summary>
    [Fact]
    public async Task Releases_do_not_wait_for_the_polls_finality_wakes_the_attesters_and_their_signatures_wake_the_relayer()
    {
        var slow = TimeSpan.FromMinutes(10);
        var (service, url, db) = await StartServiceAsync("attest_wake", relayPoll: slow);
        await using var _ = db;
        await using var __ = service;
        var attesters = new[] { await StartAttesterAsync(db, 0, pollInterval: slow), await StartAttesterAsync(db, 1, pollInterval: slow) };
        try
        {
            // each has run its first round and sleeps until woken (or for 10 minutes)
            await Eventually.HoldsAsync(() => AttestersAsync(url), a => a.Length == 2, Within, "both attesters to report");
            foreach (var round in new[] { 2 * Stos, Stos + 7 })
            {
                var recipient = EthKey.Generate().Address;
                var lockTx = await LockAsync(recipient, round);
                await Diagnose(() => Eventually.HoldsAsync(async () => await StatusAsync(db, lockTx) == "completed", TimeSpan.FromMinutes(4),
                    "a release long before the 10-minute polls"), db, service, attesters);
                Assert.Equal(round, await bridge.NativeBalanceAsync(bridge.StratosRpc, recipient));
            }
            Assert.Equal(4, await CountAsync(db, "SELECT count(*) FROM attestations WHERE kind = 'release'"));
            Assert.Empty(service.Alarms);
        }
        finally
        {
            foreach (var attester in attesters)
            {
                await attester.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task An_attester_whose_node_lies_refuses_with_an_alarm_and_a_lock_only_the_lying_node_shows_is_never_released()
    {
        var thief = EthKey.Generate().Address;
        var lying = new LyingNode(EthereumVault, thief);
        await using var proxy = await RpcFaultProxy.StartAsync(bridge.Ethereum.RpcUrl);
        proxy.Rewrite = lying.Rewrite;
        var hacked = new Dictionary<string, Uri> { ["ethereum"] = proxy.Url };
        // the relayer's node is the hacked one (its watcher records the invented lock), and so is attester 0's
        var (service, url, db) = await StartServiceAsync("attest_lying", hacked);
        await using var _ = db;
        await using var __ = service;
        var attesters = new[] { await StartAttesterAsync(db, 0, hacked), await StartAttesterAsync(db, 1), await StartAttesterAsync(db, 2) };
        try
        {
            var recipient = EthKey.Generate().Address;
            var lockTx = await LockAsync(recipient, 3 * Stos);
            await Eventually.HoldsAsync(async () => await StatusAsync(db, lockTx) == "completed", Within, "the real lock released by the honest two");
            Assert.Equal(3 * Stos, await bridge.NativeBalanceAsync(bridge.StratosRpc, recipient));
            await Eventually.HoldsAsync(() => Task.FromResult(attesters[0].Alarms.Any(a => a.Contains("contradicts the ledger", StringComparison.Ordinal)
                                                                                       && a.Contains("amount", StringComparison.Ordinal))),
                Within, "the lying node's attester to refuse the real lock with an ALARM naming the amount");

            var invented = LyingNode.InventedFor(lockTx);
            Assert.Contains(invented, lying.Invented);
            Assert.Equal(3 * Stos, await CountAsync(db, $"SELECT coalesce(sum(amount), 0)::bigint FROM transfers WHERE recipient = '{recipient.ToLowerHex()}'"));
            // the invented lock reached the ledger through the relayer's node; only the lying node's attester signs it
            await Eventually.HoldsAsync(async () => await CountAsync(db, $"""
                SELECT count(*) FROM attestations a JOIN transfers t ON t.id = a.transfer_id WHERE t.recipient = '{thief.ToLowerHex()}'
                """) == 1, Within, "the lying node's attester to sign the invented lock");
            await Eventually.HoldsAsync(() => Task.FromResult(attesters[1].Alarms.Any(a => a.Contains(invented, StringComparison.OrdinalIgnoreCase))
                                                              && attesters[2].Alarms.Any(a => a.Contains(invented, StringComparison.OrdinalIgnoreCase))),
                Within, "both honest attesters to refuse the invented lock with an ALARM");
            var waiting = await Eventually.HoldsAsync(() => TransferAsync(url, invented),
                t => t.GetProperty("lastError").GetString()?.StartsWith("awaiting attestations 1/2", StringComparison.Ordinal) == true, Within,
                "the invented lock to wait for attestations");
            Assert.Equal("finalized", waiting.GetProperty("state").GetString());
            var inventedId = await CountAsync(db, $"SELECT (e.payload->>'nonce')::bigint FROM source_events e WHERE e.tx_hash = '{invented.ToLowerInvariant()}'");
            Assert.Equal(new byte[32], await UsedContentAsync(VaultRelease.IdOf(1, EthereumVault, (ulong)inventedId)));
            Assert.Equal(BigInteger.Zero, await bridge.NativeBalanceAsync(bridge.StratosRpc, thief));
            Assert.Equal(0, await CountAsync(db, $"SELECT count(*) FROM transfers WHERE recipient = '{thief.ToLowerHex()}' AND status <> 'finalized'"));
            var refusals = await AttestersAsync(url);
            Assert.Equal(3, refusals.Count(a => a.GetProperty("refused").GetInt64() >= 1));
        }
        finally
        {
            foreach (var attester in attesters)
            {
                await attester.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_relayer_without_attester_keys_never_broadcasts_forged_or_duplicate_signatures_which_the_vault_refuses()
    {
        var (service, url, db) = await StartServiceAsync("attest_forged");
        await using var _ = db;
        await using var __ = service;
        var recipient = EthKey.Generate().Address;
        var amount = Stos + 11;
        var lockTx = await LockAsync(recipient, amount);
        await Eventually.HoldsAsync(async () => await StatusAsync(db, lockTx) == "finalized", Within, "the lock to be final");
        var nonce = (ulong)await CountAsync(db, $"SELECT (e.payload->>'nonce')::bigint FROM source_events e WHERE e.tx_hash = '{lockTx}'");
        var release = new VaultRelease(1, EthereumVault, nonce, recipient, amount);
        var (real, stranger) = (EthKey.FromHex(AttestedBridgeFixture.AttesterKeys[0]), EthKey.Generate());
        var genuine = StosVaultContract.SignRelease(real, 2048, StratosVault, release);
        var forSomethingElse = StosVaultContract.SignRelease(EthKey.FromHex(AttestedBridgeFixture.AttesterKeys[1]), 2048, StratosVault,
            release with { Amount = amount * 2 });
        // one genuine signature; a stranger's; attester 1's over other contents; attester 0's bytes again under attester 2's name
        await PublishAsync(db, lockTx, real.Address, genuine);
        await PublishAsync(db, lockTx, stranger.Address, StosVaultContract.SignRelease(stranger, 2048, StratosVault, release));
        await PublishAsync(db, lockTx, EthKey.FromHex(AttestedBridgeFixture.AttesterKeys[1]).Address, forSomethingElse);
        await PublishAsync(db, lockTx, EthKey.FromHex(AttestedBridgeFixture.AttesterKeys[2]).Address, genuine);

        var waiting = await Eventually.HoldsAsync(() => TransferAsync(url, lockTx),
            t => t.GetProperty("lastError").GetString()?.StartsWith("awaiting attestations 1/2", StringComparison.Ordinal) == true, Within,
            "the relayer to count one valid signature of four");
        var reason = waiting.GetProperty("lastError").GetString()!;
        Assert.Contains("not an attester of the vault", reason);
        Assert.Contains("invalid signature", reason);
        Assert.Equal(0, await CountAsync(db, "SELECT count(*) FROM outgoing_txs WHERE chain = 'stratos'"));
        Assert.Contains(service.Alarms, a => a.Contains("does not verify", StringComparison.Ordinal));

        // the vault refuses what the relayer would not send: the same signer twice, a stranger, one signature short
        var relayer = new EvmDirectSubmitter(bridge.StratosRpc, bridge.Relayer, 2048);
        async Task<string?> RefusalAsync(params byte[][] signatures)
        {
            var e = await Assert.ThrowsAsync<ContractRevertedException>(() =>
                relayer.CallAsync(StratosVault, StosVaultContract.EncodeRelease(release, signatures), StosVaultContract.Binding));
            return e.ErrorName;
        }
        Assert.Equal("DuplicateSigner", await RefusalAsync(genuine, genuine));
        Assert.Equal("SignerNotAttester", await RefusalAsync(genuine, StosVaultContract.SignRelease(stranger, 2048, StratosVault, release)));
        Assert.Equal("InsufficientSignatures", await RefusalAsync(genuine));
        Assert.Equal(new byte[32], await UsedContentAsync(release.Id));

        // one honest attester process adds the second valid signature: released, with the genuine one
        await using var attester = await StartAttesterAsync(db, 1);
        await Eventually.HoldsAsync(async () => await StatusAsync(db, lockTx) == "completed", Within, "the release with two valid signatures");
        Assert.Equal(amount, await bridge.NativeBalanceAsync(bridge.StratosRpc, recipient));
        Assert.Contains(attester.Alarms, a => a.Contains("never signed", StringComparison.Ordinal)); // its name was used for other contents
    }

    /// <summary>A wait that, when it times out, tells what the ledger and the processes were doing.</summary>
    private static async Task Diagnose(Func<Task> wait, TestDatabase db, ChildProcess service, IEnumerable<ChildProcess> attesters)
    {
        try
        {
            await wait();
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{await DescribeAsync(db)}\n--- service\n{service.OutputTail}\n" +
                                       string.Join("\n", attesters.Select(a => $"--- {a.Name}\n{a.OutputTail}")), e);
        }
    }

    /// <summary>Writes a row into the attestations table as anyone with the database could.</summary>
    private static async Task PublishAsync(TestDatabase db, string lockTx, EthAddress attester, byte[] signature)
    {
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO attestations (release_id, kind, attester, transfer_id, digest, signature)
            SELECT e.payload->>'releaseId', 'release', @a, t.id, '0x00', @s FROM transfers t JOIN source_events e ON e.id = t.source_event_id
             WHERE e.tx_hash = @h
            """, conn);
        cmd.Parameters.AddWithValue("a", attester.ToLowerHex());
        cmd.Parameters.AddWithValue("s", Hex.Encode(signature));
        cmd.Parameters.AddWithValue("h", lockTx.ToLowerInvariant());
        Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
    }
}
