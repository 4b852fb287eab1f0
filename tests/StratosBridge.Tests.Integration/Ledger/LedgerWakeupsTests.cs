using Npgsql;
using StratosBridge.Core.Background;
using StratosBridge.Core.Transfers;
using StratosBridge.Ledger.Relaying;
using StratosBridge.Ledger.Wakeups;
using StratosBridge.TestKit;

namespace StratosBridge.Tests.Integration.Ledger;

/// <summary>
/// Work that becomes due wakes the workers through PostgreSQL (migration 0031, <see cref="LedgerWakeups"/>): which changes
/// wake whom, and a listener that loses its connection comes back. A change that must not wake is checked against a sentinel
/// notified after it: notifications reach the listener in commit order, so once the sentinel has arrived, a wake-up from the
/// change before it would have too.
/// </summary>
public sealed class LedgerWakeupsTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    private const string Sentinel = "test-sentinel";

    [Fact]
    public async Task A_transfer_that_becomes_final_wakes_the_transfer_subscribers_and_only_them()
    {
        await using var ledger = await LedgerHarness.CreateAsync("wake_transfers");
        var wakeups = ledger.Get<LedgerWakeups>();
        var transfers = wakeups.Subscribe(LedgerWakeups.Tables.Transfers);
        var credits = wakeups.Subscribe(LedgerWakeups.Tables.Credits, LedgerWakeups.Tables.Payments);
        var sentinel = wakeups.Subscribe(Sentinel);
        await wakeups.Listening.Task.WaitAsync(Within);
        Assert.Equal(1, transfers.Version); // once when the listener starts: what came before it is not known
        Assert.Equal(1, credits.Version);

        // a pending transfer is nobody's work yet
        await TransferStoreTests.OpenTransfersAsync(ledger, 1, TransferStatus.Pending);
        await SentinelAsync(ledger, sentinel);
        Assert.Equal(1, transfers.Version);

        // pending → finalized is the relay's and the attesters' work
        var ids = await FinalizeAllAsync(ledger);
        Assert.Single(ids);
        await WokenAsync(transfers, 1, "the transfer subscriber woken by the finalized transfer");

        // a claim and a back-off leave the status as it was: no wake-up (a worker never wakes itself by working)
        var woken = transfers.Version;
        var store = ledger.Get<ReleaseStore>();
        var claimed = await store.ClaimAsync("ethereum", "stratos", 5, "w1", TimeSpan.FromMinutes(1));
        Assert.Single(claimed);
        await store.BackOffAsync(ids, "w1", TimeSpan.FromMinutes(5), "test back-off");
        await SentinelAsync(ledger, sentinel);
        Assert.Equal(woken, transfers.Version);
        Assert.Equal(1, credits.Version);
    }

    [Fact]
    public async Task A_listener_whose_connection_is_killed_reconnects_and_wakes_everyone_once_back()
    {
        await using var ledger = await LedgerHarness.CreateAsync("wake_reconnect");
        var wakeups = ledger.Get<LedgerWakeups>();
        var transfers = wakeups.Subscribe(LedgerWakeups.Tables.Transfers);
        await wakeups.Listening.Task.WaitAsync(Within);
        var listening = transfers.Version;

        var killed = await ledger.ScalarAsync(
            $"SELECT count(pg_terminate_backend(l.pid)) FROM pg_stat_activity l WHERE l.datname = current_database() AND l.query LIKE 'LISTEN%'");
        Assert.Equal(1, killed);

        // back: everyone is woken once (what was notified meanwhile is not known), then notifications arrive again
        var afterReconnect = await WokenAsync(transfers, listening, "the subscriber woken when the listener is back");
        await Eventually.HoldsAsync(async () => await ledger.ScalarAsync(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'") == 1, Within,
            "a listening connection again");
        await TransferStoreTests.OpenTransfersAsync(ledger, 1, TransferStatus.Pending);
        await FinalizeAllAsync(ledger);
        await WokenAsync(transfers, afterReconnect, "the subscriber woken by a transfer finalized after the reconnect");
    }

    [Fact]
    public async Task A_wake_up_during_a_round_is_not_lost_and_an_idle_wait_ends_at_its_timeout()
    {
        var signal = new WakeSignal();
        var seen = signal.Version;
        signal.Wake(); // came while the round ran, before the loop started waiting
        Assert.True(await signal.WaitAsync(seen, TimeSpan.FromMinutes(10), TimeProvider.System, CancellationToken.None));
        Assert.False(await signal.WaitAsync(signal.Version, TimeSpan.FromMilliseconds(20), TimeProvider.System, CancellationToken.None));
        using var cancelled = new CancellationTokenSource();
        var waiting = signal.WaitAsync(signal.Version, TimeSpan.FromMinutes(10), TimeProvider.System, cancelled.Token);
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    private static async Task<IReadOnlyList<long>> FinalizeAllAsync(LedgerHarness ledger)
    {
        var scans = ledger.Get<StratosBridge.Ledger.Watching.ChainScanStore>();
        var events = await scans.PendingUpToAsync("ethereum", 100, 100);
        await scans.FinalizeAsync("ethereum", events.Select(e => e.Id).ToList(), 100, "watcher:test");
        await using var db = await ledger.ContextAsync();
        return db.Transfers.Where(t => t.Status == "finalized").Select(t => t.Id).ToList();
    }

    private static async Task SentinelAsync(LedgerHarness ledger, WakeSignal sentinel)
    {
        var before = sentinel.Version;
        await using var notify = ledger.Get<NpgsqlDataSource>().CreateCommand($"SELECT pg_notify('{LedgerWakeups.Channel}', '{Sentinel}')");
        await notify.ExecuteScalarAsync();
        await WokenAsync(sentinel, before, "the sentinel notification");
    }

    private static async Task<long> WokenAsync(WakeSignal signal, long since, string what)
    {
        Assert.True(await signal.WaitAsync(since, Within, TimeProvider.System, CancellationToken.None), $"expected {what} within {Within}");
        return signal.Version;
    }
}
