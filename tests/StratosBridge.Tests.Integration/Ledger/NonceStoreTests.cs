using StratosBridge.Ledger.Nonces;

namespace StratosBridge.Tests.Integration.Ledger;

public sealed class NonceStoreTests
{
    [Fact]
    public async Task Concurrent_allocations_get_distinct_consecutive_nonces()
    {
        await using var ledger = await LedgerHarness.CreateAsync("nonce_race");

        var nonces = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            await using var db = await ledger.ContextAsync();
            await using var tx = await db.Database.BeginTransactionAsync();
            var nonce = await NonceStore.AllocateAsync(db, "stratos", "0xsigner", chainPendingCount: 5);
            await tx.CommitAsync();
            return nonce;
        })));

        Assert.Equal(Enumerable.Range(5, 8).Select(n => (long)n), nonces.Order());
    }

    [Fact]
    public async Task A_rolled_back_allocation_gives_the_nonce_back_and_the_chain_can_move_it_forward()
    {
        await using var ledger = await LedgerHarness.CreateAsync("nonce_rollback");
        await using var db = await ledger.ContextAsync();

        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            Assert.Equal(0, await NonceStore.AllocateAsync(db, "stratos", "0xs", 0));
            await tx.CommitAsync();
        }
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            Assert.Equal(1, await NonceStore.AllocateAsync(db, "stratos", "0xs", 0));
            await tx.RollbackAsync();
        }
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            Assert.Equal(1, await NonceStore.AllocateAsync(db, "stratos", "0xs", 0));
            Assert.Equal(7, await NonceStore.AllocateAsync(db, "stratos", "0xs", 7));
            await tx.CommitAsync();
        }
        await Assert.ThrowsAsync<InvalidOperationException>(() => NonceStore.AllocateAsync(db, "stratos", "0xs", 0));
    }
}
