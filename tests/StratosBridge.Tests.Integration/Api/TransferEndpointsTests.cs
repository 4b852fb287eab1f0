using System.Net;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using StratosBridge.Core.Transfers;
using StratosBridge.Ledger.States;
using static StratosBridge.Tests.Integration.Api.Wallets;

namespace StratosBridge.Tests.Integration.Api;

public sealed class TransferEndpointsTests
{
    private static readonly DateTimeOffset SeenAt = DateTimeOffset.Parse("2026-03-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<JsonNode> OnlyTransferAsync(InProcessApi api, string chain, string txHash)
    {
        var (status, _, body, raw) = await api.GetAsync($"/v1/transfers/{chain}/{txHash}");
        Assert.True(status == HttpStatusCode.OK, $"GET transfers of {txHash}: {status} {raw}");
        return Assert.Single(body["transfers"]!.AsArray())!;
    }

    private static DateTimeOffset? Time(JsonNode? node) => node is null ? null : node.GetValue<DateTimeOffset>();

    private static long? Number(JsonNode? node) => node?.GetValue<long>();

    [Fact]
    public async Task A_lock_is_shown_in_each_state_on_its_way_with_confirmations_eta_and_destination_tx()
    {
        await using var api = await InProcessApi.StartAsync("api_states", ApiChains.Settings);
        var tx = TxHash(0xab);
        var release = TxHash(0xcd);
        var amount = BigInteger.Parse("123456789012345678901234567890", System.Globalization.CultureInfo.InvariantCulture);
        await api.Seed.HeadAsync("ethereum", head: 1000, finalized: 968, "watcher-a", SeenAt);
        var id = await api.Seed.LockAsync("ethereum", tx, logIndex: 3, block: 990, Stored(Alice), Stored(Bob), amount);

        var pending = await OnlyTransferAsync(api, "ethereum", tx);

        Assert.Equal(id, pending["id"]!.GetValue<long>());
        Assert.Equal("pending", pending["state"]!.GetValue<string>());
        Assert.Equal("ethereum", pending["source"]!["chain"]!.GetValue<string>());
        Assert.Equal(tx, pending["source"]!["txHash"]!.GetValue<string>());
        Assert.Equal(3, Number(pending["source"]!["logIndex"]));
        Assert.Equal(990, Number(pending["source"]!["blockNumber"]));
        Assert.Equal(LedgerSeed.BlockHash(990), pending["source"]!["blockHash"]!.GetValue<string>());
        Assert.Equal(Alice, pending["sender"]!.GetValue<string>());
        Assert.Equal(Bob, pending["recipient"]!.GetValue<string>());
        Assert.Equal(StratosBridge.Chains.Stratos.StratosAddress.Parse(Bob).Bech32, pending["recipientStratos"]!.GetValue<string>());
        Assert.StartsWith("st1", pending["recipientStratos"]!.GetValue<string>());
        Assert.Equal(JsonValueKind.String, pending["amount"]!.GetValueKind());
        Assert.Equal("123456789012345678901234567890", pending["amount"]!.GetValue<string>());
        // finalized tag: head 1000, finalized 968 → a block needs 1000 − 968 + 1 = 33; block 990 has 11; 22 to go at 12 s.
        Assert.Equal(11, Number(pending["confirmations"]!["current"]));
        Assert.Equal(33, Number(pending["confirmations"]!["needed"]));
        Assert.Equal("finalized-tag", pending["confirmations"]!["finality"]!.GetValue<string>());
        Assert.Equal(SeenAt + TimeSpan.FromSeconds(22 * 12), Time(pending["eta"]));
        Assert.EndsWith("+00:00", pending["eta"]!.GetValue<string>());
        Assert.Equal("stratos", pending["destination"]!["chain"]!.GetValue<string>());
        Assert.Null(pending["destination"]!["txHash"]);
        Assert.Null(pending["destination"]!["txStatus"]);
        Assert.Null(pending["destination"]!["blockNumber"]);
        Assert.Null(pending["lastError"]);
        var first = Assert.Single(pending["timeline"]!.AsArray())!;
        Assert.Equal("pending", first["state"]!.GetValue<string>());
        Assert.Equal(tx, first["txHash"]!.GetValue<string>());
        Assert.Equal("lock seen in block 990", first["note"]!.GetValue<string>());

        await api.Seed.HeadAsync("ethereum", head: 1040, finalized: 992, "watcher-a", SeenAt.AddMinutes(8));
        await api.Seed.MoveAsync(id, TransferStatus.Pending, TransferStatus.Finalized, new TransitionStep("watcher:test", "block 990 finalized"));
        var finalized = await OnlyTransferAsync(api, "ethereum", tx);

        Assert.Equal("finalized", finalized["state"]!.GetValue<string>());
        Assert.Equal(51, Number(finalized["confirmations"]!["current"]));
        Assert.Equal(49, Number(finalized["confirmations"]!["needed"]));
        Assert.Null(finalized["eta"]);
        Assert.Null(finalized["destination"]!["txHash"]);

        var outgoing = await api.Seed.OutgoingTxAsync("stratos", release, "broadcast");
        await api.Seed.AttachAsync(id, outgoing);
        await api.Seed.MoveAsync(id, TransferStatus.Finalized, TransferStatus.Submitted,
            new TransitionStep("relay:test", "release batch of 1", "stratos", release));
        var submitted = await OnlyTransferAsync(api, "ethereum", tx);

        Assert.Equal("submitted", submitted["state"]!.GetValue<string>());
        Assert.Equal("stratos", submitted["destination"]!["chain"]!.GetValue<string>());
        Assert.Equal(release, submitted["destination"]!["txHash"]!.GetValue<string>());
        Assert.Equal("broadcast", submitted["destination"]!["txStatus"]!.GetValue<string>());
        Assert.Null(submitted["destination"]!["blockNumber"]);
        Assert.Null(submitted["eta"]);

        await api.Seed.UpdateOutgoingTxAsync(outgoing, "mined", 777);
        await api.Seed.MoveAsync(id, TransferStatus.Submitted, TransferStatus.Completed,
            new TransitionStep("relay:test", "receipt status 1", "stratos", release));
        var completed = await OnlyTransferAsync(api, "ethereum", tx);

        Assert.Equal("completed", completed["state"]!.GetValue<string>());
        Assert.Equal("mined", completed["destination"]!["txStatus"]!.GetValue<string>());
        Assert.Equal(777, Number(completed["destination"]!["blockNumber"]));
        Assert.Null(completed["eta"]);
        Assert.Null(completed["lastError"]);
        var timeline = completed["timeline"]!.AsArray();
        Assert.Equal(["pending", "finalized", "submitted", "completed"], timeline.Select(s => s!["state"]!.GetValue<string>()));
        Assert.Equal(timeline.Select(s => Time(s!["at"])).Order(), timeline.Select(s => Time(s!["at"])));
        Assert.Equal("stratos", timeline[2]!["chain"]!.GetValue<string>());
        Assert.Equal(release, timeline[2]!["txHash"]!.GetValue<string>());
        Assert.Equal("block 990 finalized", timeline[1]!["note"]!.GetValue<string>());
        Assert.True(Time(completed["updatedAt"]) >= Time(completed["createdAt"]));
    }

    [Fact]
    public async Task A_pending_lock_on_a_confirmations_chain_counts_its_block_and_has_no_eta_until_the_head_is_known()
    {
        await using var api = await InProcessApi.StartAsync("api_depth", ApiChains.Settings);
        var tx = TxHash(0x51);
        await api.Seed.LockAsync("bsc", tx, logIndex: 0, block: 500, Stored(Carol), Stored(Dave), 5);

        var unknownHead = await OnlyTransferAsync(api, "bsc", tx);
        await api.Seed.HeadAsync("bsc", head: 501, finalized: null, "watcher-b", SeenAt);
        var oneOnTop = await OnlyTransferAsync(api, "bsc", tx);
        await api.Seed.HeadAsync("bsc", head: 503, finalized: null, "watcher-b", SeenAt.AddSeconds(6));
        var deepEnough = await OnlyTransferAsync(api, "bsc", tx);

        // 3 blocks on top make it final: 4 confirmations counting its own block.
        Assert.Null(unknownHead["confirmations"]!["current"]);
        Assert.Equal(4, Number(unknownHead["confirmations"]!["needed"]));
        Assert.Equal("confirmations", unknownHead["confirmations"]!["finality"]!.GetValue<string>());
        Assert.Null(unknownHead["eta"]);
        Assert.Equal(2, Number(oneOnTop["confirmations"]!["current"]));
        Assert.Equal(SeenAt + TimeSpan.FromSeconds(2 * 3), Time(oneOnTop["eta"]));
        // Deep enough but the watcher has not moved it yet: due now (the head's time), still pending.
        Assert.Equal(4, Number(deepEnough["confirmations"]!["current"]));
        Assert.Equal("pending", deepEnough["state"]!.GetValue<string>());
        Assert.Equal(SeenAt.AddSeconds(6), Time(deepEnough["eta"]));
        Assert.Equal("5", deepEnough["amount"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_orphaned_lock_has_no_confirmations_and_no_eta()
    {
        await using var api = await InProcessApi.StartAsync("api_orphan", ApiChains.Settings);
        var tx = TxHash(0x0f);
        await api.Seed.HeadAsync("ethereum", head: 1000, finalized: 968, "watcher-a", SeenAt);
        var id = await api.Seed.LockAsync("ethereum", tx, logIndex: 1, block: 995, Stored(Alice), Stored(Bob), 10);
        await api.Seed.OrphanSourceAsync("ethereum", tx);
        await api.Seed.MoveAsync(id, TransferStatus.Pending, TransferStatus.Orphaned,
            new TransitionStep("watcher:test", "block 995 reorganised away"));

        var orphaned = await OnlyTransferAsync(api, "ethereum", tx);

        Assert.Equal("orphaned", orphaned["state"]!.GetValue<string>());
        Assert.Null(orphaned["confirmations"]!["current"]);
        Assert.Equal(33, Number(orphaned["confirmations"]!["needed"]));
        Assert.Null(orphaned["eta"]);
        Assert.Equal(["pending", "orphaned"], orphaned["timeline"]!.AsArray().Select(s => s!["state"]!.GetValue<string>()));
        Assert.Equal("block 995 reorganised away", orphaned["timeline"]![1]!["note"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_last_error_shows_on_a_failed_transfer_and_one_backing_off_but_not_once_it_moved_on()
    {
        await using var api = await InProcessApi.StartAsync("api_errors", ApiChains.Settings);
        var step = new TransitionStep("watcher:test", "final");
        var backingOff = await api.Seed.LockAsync("ethereum", TxHash(1), 0, 900, Stored(Alice), Stored(Bob), 1);
        var failed = await api.Seed.LockAsync("ethereum", TxHash(2), 0, 900, Stored(Alice), Stored(Bob), 1);
        var recovered = await api.Seed.LockAsync("ethereum", TxHash(3), 0, 900, Stored(Alice), Stored(Bob), 1);
        foreach (var id in new[] { backingOff, failed, recovered })
        {
            await api.Seed.MoveAsync(id, TransferStatus.Pending, TransferStatus.Finalized, step);
        }
        await api.Seed.MoveAsync(failed, TransferStatus.Finalized, TransferStatus.Failed,
            new TransitionStep("relay:test", "recipient refused: vault paused"));
        var claimed = await api.Seed.Releases.ClaimAsync("ethereum", "stratos", 10, "relay-1", TimeSpan.FromMinutes(1));
        Assert.Equal([backingOff, recovered], claimed.Select(t => t.TransferId).Order());
        await api.Seed.Releases.BackOffAsync([backingOff], "relay-1", TimeSpan.FromMinutes(5), "stratos RPC timed out");
        await api.Seed.Releases.BackOffAsync([recovered], "relay-1", TimeSpan.Zero, "stratos RPC timed out");
        await api.Seed.MoveAsync(recovered, TransferStatus.Finalized, TransferStatus.Submitted,
            new TransitionStep("relay:test", null, "stratos", TxHash(0xee)));

        var waiting = await OnlyTransferAsync(api, "ethereum", TxHash(1));
        var parked = await OnlyTransferAsync(api, "ethereum", TxHash(2));
        var movedOn = await OnlyTransferAsync(api, "ethereum", TxHash(3));

        Assert.Equal("finalized", waiting["state"]!.GetValue<string>());
        Assert.Equal("stratos RPC timed out", waiting["lastError"]!.GetValue<string>());
        Assert.Equal("failed", parked["state"]!.GetValue<string>());
        Assert.Equal("recipient refused: vault paused", parked["lastError"]!.GetValue<string>());
        Assert.Null(parked["eta"]);
        Assert.Equal("submitted", movedOn["state"]!.GetValue<string>());
        Assert.Null(movedOn["lastError"]);
    }

    [Fact]
    public async Task Every_transfer_of_a_source_tx_is_listed_whatever_the_case_of_the_hash()
    {
        await using var api = await InProcessApi.StartAsync("api_by_source", ApiChains.Settings);
        var tx = TxHash(0xbeef);
        var first = await api.Seed.LockAsync("ethereum", tx, logIndex: 2, block: 700, Stored(Alice), Stored(Bob), 100);
        var second = await api.Seed.LockAsync("ethereum", tx, logIndex: 7, block: 700, Stored(Alice), Stored(Carol), 200);
        await api.Seed.LockAsync("bsc", tx, logIndex: 2, block: 700, Stored(Alice), Stored(Dave), 300); // same hash, other chain
        await api.Seed.LockAsync("ethereum", TxHash(0xbef0), logIndex: 2, block: 700, Stored(Alice), Stored(Dave), 400);

        var (status, _, body, _) = await api.GetAsync($"/v1/transfers/ethereum/0X{tx[2..].ToUpperInvariant()}");

        Assert.Equal(HttpStatusCode.OK, status);
        var transfers = body["transfers"]!.AsArray();
        Assert.Equal([first, second], transfers.Select(t => t!["id"]!.GetValue<long>()));
        Assert.Equal([2L, 7L], transfers.Select(t => t!["source"]!["logIndex"]!.GetValue<long>()));
        Assert.Equal(["100", "200"], transfers.Select(t => t!["amount"]!.GetValue<string>()));
        Assert.All(transfers, t => Assert.Equal(tx, t!["source"]!["txHash"]!.GetValue<string>()));
        // No watcher has reported a head yet: depth unknown, but the policy is.
        Assert.All(transfers, t => Assert.Null(t!["confirmations"]!["current"]));
        Assert.All(transfers, t => Assert.Equal("finalized-tag", t!["confirmations"]!["finality"]!.GetValue<string>()));
    }
}
