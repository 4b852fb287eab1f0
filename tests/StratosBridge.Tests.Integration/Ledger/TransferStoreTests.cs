using System.Numerics;
using Microsoft.EntityFrameworkCore;
using StratosBridge.Core.Ledger;
using StratosBridge.Core.Transfers;
using StratosBridge.Ledger.Relaying;
using StratosBridge.Ledger.SourceEvents;
using StratosBridge.Ledger.Transfers;

namespace StratosBridge.Tests.Integration.Ledger;

public sealed class TransferStoreTests
{
    private static readonly TransitionStep Watcher = new("watcher:test");

    internal static async Task<List<long>> OpenTransfersAsync(LedgerHarness ledger, int count, TransferStatus status)
    {
        var events = ledger.Get<SourceEventStore>();
        var transfers = ledger.Get<TransferStore>();
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            var tx = "0x" + i.ToString("x64");
            await events.RecordAsync(SourceEventStoreTests.Lock(tx));
            var source = await events.FindAsync("ethereum", tx, "0");
            var (_, id) = await transfers.CreateAsync(new NewTransfer(source!.Id, "ethereum", "stratos",
                "0x" + new string('1', 40), "0x" + new string('2', 40), BigInteger.Parse("1000000000000000000000"), status), Watcher);
            ids.Add(id);
        }
        return ids;
    }

    [Fact]
    public async Task A_second_transfer_for_the_same_source_event_is_already_known()
    {
        await using var ledger = await LedgerHarness.CreateAsync("transfer_dup");
        var id = (await OpenTransfersAsync(ledger, 1, TransferStatus.Pending)).Single();
        var row = await ledger.Get<TransferStore>().GetAsync(id);

        var (outcome, existing) = await ledger.Get<TransferStore>().CreateAsync(
            new NewTransfer(row!.SourceEventId, "ethereum", "stratos", row.Sender, row.Recipient, row.Amount, TransferStatus.Pending), Watcher);

        Assert.Equal(Recorded.AlreadyKnown, outcome);
        Assert.Equal(id, existing);
        Assert.Equal(BigInteger.Parse("1000000000000000000000"), row.Amount);
        Assert.Equal(1, await ledger.ScalarAsync("SELECT count(*) FROM transfers"));
    }

    [Fact]
    public async Task A_transition_happens_once_and_leaves_a_timeline_row()
    {
        await using var ledger = await LedgerHarness.CreateAsync("transfer_transition");
        var store = ledger.Get<TransferStore>();
        var id = (await OpenTransfersAsync(ledger, 1, TransferStatus.Pending)).Single();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            store.TryTransitionAsync(id, TransferStatus.Pending, TransferStatus.Finalized, new TransitionStep("watcher", "final"))));
        var submitted = await store.TryTransitionAsync(id, TransferStatus.Finalized, TransferStatus.Submitted,
            new TransitionStep("relay", Chain: "stratos", TxHash: "0xabc"));

        Assert.Single(results, r => r);
        Assert.True(submitted);
        var timeline = await store.TimelineAsync(id);
        Assert.Equal(["pending", "finalized", "submitted"], timeline.Select(t => t.Status));
        Assert.Equal("0xabc", timeline[^1].TxHash);
        Assert.Equal("submitted", (await store.GetAsync(id))!.Status);
    }

    [Fact]
    public async Task A_move_outside_the_state_machine_is_refused()
    {
        await using var ledger = await LedgerHarness.CreateAsync("transfer_illegal");
        var id = (await OpenTransfersAsync(ledger, 1, TransferStatus.Pending)).Single();

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ledger.Get<TransferStore>().TryTransitionAsync(id, TransferStatus.Pending, TransferStatus.Completed, Watcher));
        Assert.Equal("pending", (await ledger.Get<TransferStore>().GetAsync(id))!.Status);
    }

    [Fact]
    public async Task Stuck_transfers_are_requeued_once_with_a_timeline_note()
    {
        await using var ledger = await LedgerHarness.CreateAsync("transfer_stuck");
        var store = ledger.Get<TransferStore>();
        var ids = await OpenTransfersAsync(ledger, 3, TransferStatus.Finalized);
        await using (var db = await ledger.ContextAsync())
        {
            // ids[0]: stuck with an expired lease; ids[1]: stuck but leased by a live worker; ids[2]: fresh.
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE transfers SET state_since = now() - interval '1 hour', next_attempt_at = now() - interval '1 hour', claimed_by = 'dead', claimed_until = now() - interval '1 minute' WHERE id = {ids[0]}");
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE transfers SET state_since = now() - interval '1 hour', next_attempt_at = now() - interval '1 hour', claimed_by = 'alive', claimed_until = now() + interval '5 minutes' WHERE id = {ids[1]}");
        }

        var first = await store.RequeueStuckAsync(TimeSpan.FromMinutes(10), "sweeper:test");
        var second = await store.RequeueStuckAsync(TimeSpan.FromMinutes(10), "sweeper:test");

        Assert.Equal([ids[0]], first.Select(r => r.Id));
        Assert.True(first[0].InState > TimeSpan.FromMinutes(59));
        Assert.Empty(second);
        var row = await store.GetAsync(ids[0]);
        Assert.Null(row!.ClaimedBy);
        Assert.Contains("re-queued", (await store.TimelineAsync(ids[0]))[^1].Note);
        var claim = await ledger.Get<ReleaseStore>().ClaimAsync("ethereum", "stratos", 10, "w", TimeSpan.FromMinutes(1));
        Assert.Contains(claim, t => t.TransferId == ids[0]);
    }
}
