using System.Numerics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using StratosBridge.Core.Transfers;
using StratosBridge.Ledger.Relaying;
using StratosBridge.Ledger.States;
using StratosBridge.Ledger.Transfers;
using StratosBridge.Ledger.Watching;

namespace StratosBridge.Tests.Integration.Ledger;

/// <summary>Transfers as the watcher opens them and the one guarded transition function moves them.</summary>
public sealed class TransferStoreTests
{
    private static readonly TransitionStep Watcher = new("watcher:test");

    /// <summary>Opens <paramref name="count"/> transfers the way the watcher does (a scanned range, then finality when asked).</summary>
    internal static async Task<List<long>> OpenTransfersAsync(LedgerHarness ledger, int count, TransferStatus status)
    {
        var scans = ledger.Get<ChainScanStore>();
        var locks = Enumerable.Range(0, count).Select(i => Lock("0x" + i.ToString("x64"))).ToList();
        await scans.RecordRangeAsync("ethereum", locks, [], [], new ChainCheckpoint(100, "0x" + new string('b', 64)), "watcher:test");
        var events = await scans.PendingUpToAsync("ethereum", 100, count + 1);
        if (status == TransferStatus.Finalized)
        {
            Assert.Equal(count, await scans.FinalizeAsync("ethereum", events.Select(e => e.Id).ToList(), 100, "watcher:test"));
        }
        else
        {
            Assert.Equal(TransferStatus.Pending, status);
        }
        await using var db = await ledger.ContextAsync();
        return await db.Transfers.OrderBy(t => t.Id).Select(t => t.Id).ToListAsync();
    }

    private static ObservedLock Lock(string txHash) => new(txHash, 0, 100, "0x" + new string('b', 64), "0x" + new string('1', 40),
        "0x" + new string('2', 40), BigInteger.Parse("1000000000000000000000"), "stratos",
        $$"""{"amount":"1000000000000000000000","releaseId":"0x{{txHash[2..]}}","vault":"0x00000000000000000000000000000000000000a1","nonce":"{{Convert.ToUInt64(txHash[^8..], 16)}}"}""");

    private static async Task<IReadOnlyList<long>> MoveAsync(LedgerHarness ledger, long id, TransferStatus from, TransferStatus to, TransitionStep step)
    {
        await using var connection = await ledger.Get<NpgsqlDataSource>().OpenConnectionAsync();
        return await StateChange.MoveAsync(connection, null, TransferStates.Machine, [from], to, $"id = {id}", null, step);
    }

    private static async Task<IReadOnlyList<TimelineRow>> TimelineAsync(LedgerHarness ledger, long id) =>
        (await ledger.Get<TimelineQueries>().ForAsync("transfer", [id]))[id];

    [Fact]
    public async Task A_lock_seen_twice_in_the_same_block_opens_one_transfer()
    {
        await using var ledger = await LedgerHarness.CreateAsync("transfer_dup");
        var id = (await OpenTransfersAsync(ledger, 1, TransferStatus.Pending)).Single();

        var again = await ledger.Get<ChainScanStore>().RecordRangeAsync("ethereum", [Lock("0x" + 0.ToString("x64"))], [], [],
            new ChainCheckpoint(101, "0x" + new string('c', 64)), "watcher:test");

        Assert.Equal(0, again);
        Assert.Equal(1, await ledger.ScalarAsync("SELECT count(*) FROM transfers"));
        var row = await ledger.Get<TransferStore>().GetAsync(id);
        Assert.Equal(BigInteger.Parse("1000000000000000000000"), row!.Amount);
        Assert.Equal(["pending"], (await TimelineAsync(ledger, id)).Select(t => t.Status));
    }

    [Fact]
    public async Task A_transition_happens_once_and_leaves_a_timeline_row()
    {
        await using var ledger = await LedgerHarness.CreateAsync("transfer_transition");
        var id = (await OpenTransfersAsync(ledger, 1, TransferStatus.Pending)).Single();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            MoveAsync(ledger, id, TransferStatus.Pending, TransferStatus.Finalized, new TransitionStep("watcher", "final"))));
        var submitted = await MoveAsync(ledger, id, TransferStatus.Finalized, TransferStatus.Submitted,
            new TransitionStep("relay", Chain: "stratos", TxHash: "0xabc"));

        Assert.Single(results, r => r.Count == 1);
        Assert.Equal([id], submitted);
        var timeline = await TimelineAsync(ledger, id);
        Assert.Equal(["pending", "finalized", "submitted"], timeline.Select(t => t.Status));
        Assert.Equal("0xabc", timeline[^1].TxHash);
        Assert.Equal("submitted", (await ledger.Get<TransferStore>().GetAsync(id))!.Status);
    }

    [Fact]
    public async Task A_move_outside_the_state_machine_is_refused()
    {
        await using var ledger = await LedgerHarness.CreateAsync("transfer_illegal");
        var id = (await OpenTransfersAsync(ledger, 1, TransferStatus.Pending)).Single();

        await Assert.ThrowsAsync<InvalidOperationException>(() => MoveAsync(ledger, id, TransferStatus.Pending, TransferStatus.Completed, Watcher));
        Assert.Equal("pending", (await ledger.Get<TransferStore>().GetAsync(id))!.Status);
        Assert.Single(await TimelineAsync(ledger, id));
    }
}
