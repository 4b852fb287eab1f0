using Microsoft.EntityFrameworkCore;

namespace StratosBridge.Ledger.Nonces;

/// <summary>
/// Nonces come from PostgreSQL, never from process memory. <see cref="AllocateAsync"/> runs inside the caller's
/// transaction (the one that also persists the signed transaction): the signer's row stays locked until it commits,
/// and a rollback gives the nonce back.
/// </summary>
public static class NonceStore
{
    /// <param name="db">A context with an open transaction.</param>
    /// <param name="chainPendingCount">The chain's <c>eth_getTransactionCount(signer, "pending")</c>: used when it is ahead
    /// of the ledger (first use of a key, or the key was used outside the bridge).</param>
    public static async Task<long> AllocateAsync(LedgerDbContext db, string chain, string signer, long chainPendingCount,
        CancellationToken ct = default)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("nonce allocation must run inside the transaction that persists the signed transaction");
        }
        var allocated = await db.Database.SqlQuery<long>($"""
            INSERT INTO signer_nonces AS n (chain, signer, next_nonce) VALUES ({chain}, {signer}, {chainPendingCount} + 1)
            ON CONFLICT (chain, signer) DO UPDATE
               SET next_nonce = GREATEST(n.next_nonce, {chainPendingCount}) + 1, updated_at = now()
            RETURNING next_nonce - 1 AS "Value"
            """).ToListAsync(ct);
        return allocated.Single();
    }

    /// <summary>The next nonce the ledger would allocate for the signer (one more than the highest it allocated); null if it never has.</summary>
    public static async Task<long?> NextAsync(LedgerDbContext db, string chain, string signer, CancellationToken ct = default)
    {
        var next = await db.Database.SqlQuery<long>($"""
            SELECT next_nonce AS "Value" FROM signer_nonces WHERE chain = {chain} AND signer = {signer}
            """).ToListAsync(ct);
        return next.Count == 0 ? null : next[0];
    }
}
