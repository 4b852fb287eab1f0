using StratosBridge.Core.Transfers;
using StratosBridge.Ledger.Relaying;
using StratosBridge.Ledger.Transfers;

namespace StratosBridge.Tests.Integration.Ledger;

/// <summary>The relay worker's claims on the ledger: disjoint under concurrency, and back-offs that hold.</summary>
public sealed class ReleaseStoreTests
{
    [Fact]
    public async Task Concurrent_claimers_get_disjoint_batches()
    {
        await using var ledger = await LedgerHarness.CreateAsync("transfer_claim");
        var store = ledger.Get<ReleaseStore>();
        var ids = await TransferStoreTests.OpenTransfersAsync(ledger, 60, TransferStatus.Finalized);

        var batches = await Task.WhenAll(Enumerable.Range(0, 6).Select(w =>
            store.ClaimAsync("ethereum", "stratos", 10, $"worker-{w}", TimeSpan.FromMinutes(1))));
        var again = await store.ClaimAsync("ethereum", "stratos", 10, "late", TimeSpan.FromMinutes(1));

        var claimed = batches.SelectMany(b => b.Select(t => t.TransferId)).ToList();
        Assert.Equal(claimed.Count, claimed.Distinct().Count());
        Assert.Equal(ids.Order(), claimed.Order());
        Assert.Empty(again);
        var transfers = ledger.Get<TransferStore>();
        foreach (var batch in batches)
        {
            var owners = await Task.WhenAll(batch.Select(async t => (await transfers.GetAsync(t.TransferId))!.ClaimedBy));
            Assert.Single(owners.Distinct());
        }
    }

    [Fact]
    public async Task A_claim_given_back_waits_for_its_back_off_and_counts_the_attempt()
    {
        await using var ledger = await LedgerHarness.CreateAsync("transfer_backoff");
        var store = ledger.Get<ReleaseStore>();
        var id = (await TransferStoreTests.OpenTransfersAsync(ledger, 1, TransferStatus.Finalized)).Single();

        var claimed = await store.ClaimAsync("ethereum", "stratos", 5, "w1", TimeSpan.FromMinutes(1));
        await store.BackOffAsync([id], "w1", TimeSpan.FromMinutes(5), "rpc timed out");
        var soon = await store.ClaimAsync("ethereum", "stratos", 5, "w2", TimeSpan.FromMinutes(1));

        Assert.Single(claimed);
        Assert.Empty(soon);
        var row = await ledger.Get<TransferStore>().GetAsync(id);
        Assert.Equal(1, row!.Attempts);
        Assert.Equal("rpc timed out", row.LastError);
    }
}
