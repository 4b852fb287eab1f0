using Microsoft.EntityFrameworkCore;
using StratosBridge.Core.Transfers;
using StratosBridge.Ledger.Nonces;
using StratosBridge.Ledger.Relaying;
using StratosBridge.Ledger.States;

namespace StratosBridge.Ledger.OutgoingTxs;

/// <summary>
/// Signed transactions of the relayer's accounts (<c>outgoing_txs</c>), whatever they carry: release batches and Ozone
/// prepays share a signer on Stratos and so one nonce sequence (<see cref="NonceStore"/>). Each worker follows the rows of
/// its own <c>purpose</c>; the work riding on a row (transfers, credits) points at it by <c>outgoing_tx_id</c>.
/// </summary>
public sealed class OutgoingTxStore(IDbContextFactory<LedgerDbContext> contexts)
{
    /// <summary>The signer's unsettled (signed or broadcast) transactions of one purpose, by nonce then age.</summary>
    public async Task<IReadOnlyList<OutgoingTxRow>> OpenAsync(string chain, string signer, string purpose, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.OutgoingTxs.AsNoTracking()
            .Where(t => t.Chain == chain && t.Signer == signer && t.Purpose == purpose && (t.Status == "signed" || t.Status == "broadcast"))
            .OrderBy(t => t.Nonce).ThenBy(t => t.Id).ToListAsync(ct);
    }

    /// <summary>Marks a row sent (or touches it, so a stuck one is looked at again only after the bump delay).</summary>
    public async Task MarkBroadcastAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE outgoing_txs SET status = 'broadcast', broadcast_at = coalesce(broadcast_at, now()), updated_at = now()
             WHERE id = {id} AND status IN ('signed', 'broadcast')
            """, ct);
    }

    /// <summary>
    /// Stores a fee-bumped replacement (same nonce) of <paramref name="previous"/> and points the work riding on it (the
    /// transfers of a release batch, the credit of a prepay) at the replacement.
    /// </summary>
    public async Task<OutgoingTxRow> PersistReplacementAsync(OutgoingTxRow previous, SignedOutgoingTx signed, string actor, string note,
        CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var row = new OutgoingTxRow
        {
            Chain = previous.Chain, Signer = previous.Signer, Nonce = previous.Nonce, RawTx = signed.Raw, TxHash = signed.Hash,
            Purpose = previous.Purpose, ReplacesId = previous.Id,
        };
        db.OutgoingTxs.Add(row);
        await db.SaveChangesAsync(ct);
        await StateChange.MoveAsync(db, TransferStates.Machine, [TransferStatus.Submitted], TransferStatus.Submitted,
            $"outgoing_tx_id = {previous.Id}", $"outgoing_tx_id = {row.Id}", new TransitionStep(actor, note, row.Chain, row.TxHash), ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE credits SET outgoing_tx_id = {row.Id}, tx_hash = {row.TxHash}, last_error = {note}, updated_at = now()
             WHERE outgoing_tx_id = {previous.Id} AND status = 'submitted'
            """, ct);
        await tx.CommitAsync(ct);
        return row;
    }

    /// <summary>
    /// Inside the caller's transaction: allocates the signer's next nonce, signs with it and stores the row (status
    /// <c>signed</c>). The caller then moves its work onto the row and commits; a rollback gives the nonce back.
    /// </summary>
    internal static async Task<OutgoingTxRow> InsertSignedAsync(LedgerDbContext db, string chain, string signer, long chainPendingCount,
        Func<long, SignedOutgoingTx> sign, string purpose, CancellationToken ct)
    {
        var nonce = await NonceStore.AllocateAsync(db, chain, signer, chainPendingCount, ct);
        var signed = sign(nonce);
        var row = new OutgoingTxRow { Chain = chain, Signer = signer, Nonce = nonce, RawTx = signed.Raw, TxHash = signed.Hash, Purpose = purpose };
        db.OutgoingTxs.Add(row);
        await db.SaveChangesAsync(ct);
        return row;
    }

    /// <summary>
    /// Inside the caller's transaction: settles the rows of one nonce by the receipt of <paramref name="mined"/> (mined or
    /// reverted); the other rows of the nonce become <c>replaced</c>.
    /// </summary>
    internal static Task SettleRowsAsync(LedgerDbContext db, IReadOnlyList<OutgoingTxRow> sameNonce, OutgoingTxRow mined, long blockNumber,
        bool succeeded, string? revertReason, CancellationToken ct)
    {
        var ids = sameNonce.Select(r => r.Id).ToArray();
        return db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE outgoing_txs SET status = CASE WHEN id = {mined.Id} THEN {(succeeded ? "mined" : "reverted")} ELSE 'replaced' END,
                   block_number = CASE WHEN id = {mined.Id} THEN {blockNumber} END, error = CASE WHEN id = {mined.Id} THEN {revertReason} END,
                   updated_at = now()
             WHERE id = ANY({ids}) AND status IN ('signed', 'broadcast')
            """, ct);
    }
}
