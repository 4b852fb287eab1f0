using Microsoft.EntityFrameworkCore;
using Npgsql;
using StratosBridge.Core.Transfers;
using StratosBridge.Ledger.OutgoingTxs;
using StratosBridge.Ledger.States;

namespace StratosBridge.Ledger.Relaying;

/// <summary>
/// The ledger side of the refund path (<see cref="TransferStates"/>: failed → cancelling → refunding → refunded): an operator
/// starts it, the refund worker signs the destination's <c>cancel</c> and the source's <c>refund</c> (sign → persist with the
/// ledger's nonce → broadcast, one transaction in flight per transfer), and moves the stage by what the vaults show. The
/// store records; the worker decides from the chain.
/// </summary>
public sealed class RefundStore(IDbContextFactory<LedgerDbContext> contexts, NpgsqlDataSource database)
{
    private static Core.States.StateMachine<TransferStatus> Machine => TransferStates.Machine;

    /// <summary>An operator refunds a failed transfer: failed → cancelling. False if it is not failed (or moved meanwhile).</summary>
    public async Task<bool> RequestAsync(long transferId, string actor, string reason, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var moved = await StateChange.MoveAsync(db, Machine, [TransferStatus.Failed], TransferStatus.Cancelling,
            $"id = {transferId} AND outgoing_tx_id IS NULL", $"next_attempt_at = now(), last_error = NULL",
            new TransitionStep(actor, $"refund requested: {reason}"), ct);
        return moved.Count == 1;
    }

    /// <summary>Transfers in <c>cancelling</c> or <c>refunding</c> with no transaction in flight and due, oldest first.</summary>
    public async Task<IReadOnlyList<RefundWork>> DueAsync(int limit, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("""
            SELECT t.id, t.status, t.source_chain, t.dest_chain, e.payload->>'vault', (e.payload->>'nonce')::numeric, e.payload->>'releaseId',
                   t.sender, t.recipient, t.amount
              FROM transfers t JOIN source_events e ON e.id = t.source_event_id
             WHERE t.status IN ('cancelling', 'refunding') AND t.outgoing_tx_id IS NULL AND t.next_attempt_at <= now()
             ORDER BY t.id LIMIT $1
            """);
        cmd.Parameters.AddWithValue(limit);
        var result = new List<RefundWork>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result.Add(new RefundWork(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                (ulong)reader.GetFieldValue<System.Numerics.BigInteger>(5), reader.GetString(6), reader.GetString(7), reader.GetString(8),
                reader.GetFieldValue<System.Numerics.BigInteger>(9)));
        }
        return result;
    }

    /// <summary>
    /// In one transaction: allocates the signer's nonce, signs, stores the raw transaction and points the transfer (still in
    /// <paramref name="stage"/>, nothing in flight) at it, with a timeline row. Null (rolled back) if the transfer moved meanwhile.
    /// </summary>
    public async Task<OutgoingTxRow?> PersistSignedAsync(string chain, string signer, long chainPendingCount, Func<long, SignedOutgoingTx> sign,
        string purpose, long transferId, TransferStatus stage, string actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var row = await OutgoingTxStore.InsertSignedAsync(db, chain, signer, chainPendingCount, sign, purpose, ct);
        var moved = await StateChange.MoveAsync(db, Machine, [stage], stage, $"id = {transferId} AND outgoing_tx_id IS NULL",
            $"outgoing_tx_id = {row.Id}", new TransitionStep(actor, $"{purpose} signed, nonce {row.Nonce}", chain, row.TxHash), ct);
        if (moved.Count != 1)
        {
            await tx.RollbackAsync(CancellationToken.None);
            return null;
        }
        await tx.CommitAsync(ct);
        return row;
    }

    /// <summary>
    /// Settles the transactions of one nonce by the receipt of <paramref name="mined"/> and frees the transfer riding on them
    /// (the next round reads the vaults and moves it on, or signs again after <paramref name="retryAfter"/> on a revert).
    /// </summary>
    public async Task SettleAsync(IReadOnlyList<OutgoingTxRow> sameNonce, OutgoingTxRow mined, long blockNumber, bool succeeded, string? revertReason,
        TimeSpan retryAfter, string actor, CancellationToken ct = default)
    {
        var ids = sameNonce.Select(r => r.Id).ToArray();
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await OutgoingTxStore.SettleRowsAsync(db, sameNonce, mined, blockNumber, succeeded, revertReason, actor, ct);
        await FreeAsync(db, ids, succeeded ? TimeSpan.Zero : retryAfter, succeeded ? null : $"{mined.Purpose} reverted: {revertReason}",
            new TransitionStep(actor, succeeded ? $"{mined.Purpose} mined in block {blockNumber}" : $"{mined.Purpose} reverted: {revertReason}",
                mined.Chain, mined.TxHash), ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Another transaction took the nonce: the rows become dropped and the transfer is freed (the vaults decide what next).</summary>
    public async Task NonceTakenAsync(IReadOnlyList<OutgoingTxRow> sameNonce, string note, string actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await OutgoingTxStore.DropRowsAsync(db, sameNonce, note, actor, ct);
        await FreeAsync(db, sameNonce.Select(r => r.Id).ToArray(), TimeSpan.Zero, note, new TransitionStep(actor, note, sameNonce[0].Chain), ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Moves a transfer on the refund path by what the vaults show (nothing in flight), with the note on its timeline.</summary>
    public async Task<bool> MoveAsync(long transferId, TransferStatus from, TransferStatus to, string note, string? chain, string actor,
        CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var error = to == TransferStatus.Failed ? note : null;
        FormattableString set = $"last_error = {error}";
        var moved = await StateChange.MoveAsync(db, Machine, [from], to, $"id = {transferId} AND outgoing_tx_id IS NULL", set,
            new TransitionStep(actor, note, chain), ct);
        return moved.Count == 1;
    }

    /// <summary>Waits a while before looking at a transfer again (its cancel is not final yet), with the reason.</summary>
    public async Task WaitAsync(long transferId, TimeSpan delay, string reason, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE transfers SET next_attempt_at = now() + {delay}, last_error = {reason}, updated_at = now()
             WHERE id = {transferId} AND status IN ('cancelling', 'refunding') AND outgoing_tx_id IS NULL
            """, ct);
    }

    private static async Task FreeAsync(LedgerDbContext db, long[] txIds, TimeSpan retryAfter, string? error, TransitionStep step, CancellationToken ct)
    {
        foreach (var stage in new[] { TransferStatus.Cancelling, TransferStatus.Refunding })
        {
            await StateChange.MoveAsync(db, Machine, [stage], stage, $"outgoing_tx_id = ANY({txIds})",
                $"outgoing_tx_id = NULL, next_attempt_at = now() + {retryAfter}, last_error = {error}", step, ct);
        }
    }
}
