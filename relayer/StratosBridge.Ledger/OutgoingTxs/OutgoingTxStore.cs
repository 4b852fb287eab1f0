using Microsoft.EntityFrameworkCore;
using StratosBridge.Core.OutgoingTxs;
using StratosBridge.Core.Payments;
using StratosBridge.Core.States;
using StratosBridge.Core.Transfers;
using StratosBridge.Ledger.Nonces;
using StratosBridge.Ledger.Relaying;
using StratosBridge.Ledger.States;

namespace StratosBridge.Ledger.OutgoingTxs;

/// <summary>
/// Signed transactions of the relayer's accounts (<c>outgoing_txs</c>), whatever they carry: release batches and Ozone
/// prepays share a signer on Stratos and so one nonce sequence (<see cref="NonceStore"/>). Each worker follows the rows of
/// its own <c>purpose</c>; the work riding on a row (transfers, credits) points at it by <c>outgoing_tx_id</c>. Every status
/// change goes through <see cref="StateChange"/> with <see cref="OutgoingTxStates.Machine"/> (a timeline row each).
/// </summary>
public sealed class OutgoingTxStore(IDbContextFactory<LedgerDbContext> contexts)
{
    private static readonly StateMachine<OutgoingTxStatus> Machine = OutgoingTxStates.Machine;

    public static readonly string Signed = Machine.Wire(OutgoingTxStatus.Signed);
    private static readonly string Broadcast = Machine.Wire(OutgoingTxStatus.Broadcast);

    /// <summary>The signer's unsettled (signed or broadcast) transactions of one purpose, by nonce then age.</summary>
    public async Task<IReadOnlyList<OutgoingTxRow>> OpenAsync(string chain, string signer, string purpose, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.OutgoingTxs.AsNoTracking()
            .Where(t => t.Chain == chain && t.Signer == signer && t.Purpose == purpose && (t.Status == Signed || t.Status == Broadcast))
            .OrderBy(t => t.Nonce).ThenBy(t => t.Id).ToListAsync(ct);
    }

    /// <summary>The signer's unsettled transactions of every purpose on <paramref name="chain"/>, by nonce then age.</summary>
    public async Task<IReadOnlyList<OutgoingTxRow>> OpenOfSignerAsync(string chain, string signer, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.OutgoingTxs.AsNoTracking()
            .Where(t => t.Chain == chain && t.Signer == signer && (t.Status == Signed || t.Status == Broadcast))
            .OrderBy(t => t.Nonce).ThenBy(t => t.Id).ToListAsync(ct);
    }

    /// <summary>Every transaction the ledger has signed for one nonce of the signer (replaced ones too), oldest first.</summary>
    public async Task<IReadOnlyList<OutgoingTxRow>> OfNonceAsync(string chain, string signer, long nonce, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.OutgoingTxs.AsNoTracking()
            .Where(t => t.Chain == chain && t.Signer == signer && t.Nonce == nonce).OrderBy(t => t.Id).ToListAsync(ct);
    }

    /// <summary>The node has the row's bytes: signed → broadcast (a row already broadcast stays so).</summary>
    public Task MarkBroadcastAsync(OutgoingTxRow row, CancellationToken ct = default) => MarkBroadcastAsync([row], ct);

    /// <inheritdoc cref="MarkBroadcastAsync(OutgoingTxRow, CancellationToken)"/>
    public async Task MarkBroadcastAsync(IReadOnlyList<OutgoingTxRow> rows, CancellationToken ct = default)
    {
        var signed = rows.Where(r => r.Status == Signed).ToList();
        if (signed.Count == 0)
        {
            return;
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        await StateChange.MoveAsync(db, Machine, [OutgoingTxStatus.Signed], OutgoingTxStatus.Broadcast, $"id = ANY({signed.Select(r => r.Id).ToArray()})",
            $"broadcast_at = coalesce(broadcast_at, now()), retry_at = NULL",
            new TransitionStep("follower", "sent", signed[0].Chain, signed.Count == 1 ? signed[0].TxHash : null), ct,
            signed.Count == 1 ? null : signed.ToDictionary(r => r.Id, r => $"sent {r.TxHash}"));
    }

    /// <summary>Touches a row (no state change), so a stuck one is looked at again only after the bump delay.</summary>
    public async Task TouchAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE outgoing_txs SET updated_at = now() WHERE id = {id}", ct);
    }

    /// <summary>The node refused the row (no state change): the same bytes are sent again after <paramref name="retryAfter"/>.</summary>
    public async Task RefusedAsync(long id, string reason, TimeSpan retryAfter, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE outgoing_txs SET refusals = refusals + 1, retry_at = now() + {retryAfter}, error = {reason}, updated_at = now()
             WHERE id = {id}
            """, ct);
    }

    /// <summary>
    /// Stores a replacement (same nonce, new fees) of <paramref name="previous"/> and points the work riding on it (the
    /// transfers of a release batch, the credit of a prepay) at the replacement. <paramref name="previousRefused"/>: the node
    /// refused <paramref name="previous"/> itself, which becomes <c>replaced</c> now (a stuck one stays open until one of the
    /// nonce's transactions is mined).
    /// </summary>
    public async Task<OutgoingTxRow> PersistReplacementAsync(OutgoingTxRow previous, SignedOutgoingTx signed, string actor, string note,
        bool previousRefused, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var row = new OutgoingTxRow
        {
            Chain = previous.Chain, Signer = previous.Signer, Nonce = previous.Nonce, RawTx = signed.Raw, TxHash = signed.Hash,
            Purpose = previous.Purpose, ReplacesId = previous.Id, Status = Signed,
        };
        db.OutgoingTxs.Add(row);
        await db.SaveChangesAsync(ct);
        if (previousRefused)
        {
            await StateChange.MoveAsync(db, Machine, [OutgoingTxStatus.Signed], OutgoingTxStatus.Replaced, $"id = {previous.Id}",
                $"error = {note}", new TransitionStep(actor, $"refused; replaced by {row.TxHash}", previous.Chain, previous.TxHash), ct);
        }
        await StateChange.MoveAsync(db, TransferStates.Machine, [TransferStatus.Submitted], TransferStatus.Submitted,
            $"outgoing_tx_id = {previous.Id}", $"outgoing_tx_id = {row.Id}", new TransitionStep(actor, note, row.Chain, row.TxHash), ct);
        await StateChange.MoveAsync(db, CreditStates.Machine, [CreditStatus.Submitted], CreditStatus.Submitted, $"outgoing_tx_id = {previous.Id}",
            $"outgoing_tx_id = {row.Id}, tx_hash = {row.TxHash}, last_error = {note}", new TransitionStep(actor, note, row.Chain, row.TxHash), ct);
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
        var row = new OutgoingTxRow
        {
            Chain = chain, Signer = signer, Nonce = nonce, RawTx = signed.Raw, TxHash = signed.Hash, Purpose = purpose, Status = Signed,
        };
        db.OutgoingTxs.Add(row);
        await db.SaveChangesAsync(ct);
        return row;
    }

    /// <summary>
    /// Inside the caller's transaction: settles the rows of one nonce by the receipt of <paramref name="mined"/> (mined or
    /// reverted; it may be a row replaced earlier: an older version of the nonce can be the one mined); the other open rows
    /// of the nonce become <c>replaced</c>.
    /// </summary>
    internal static async Task SettleRowsAsync(LedgerDbContext db, IReadOnlyList<OutgoingTxRow> sameNonce, OutgoingTxRow mined, long blockNumber,
        bool succeeded, string? revertReason, string actor, CancellationToken ct)
    {
        var others = sameNonce.Where(r => r.Id != mined.Id).Select(r => r.Id).ToArray();
        await StateChange.MoveAsync(db, Machine, [OutgoingTxStatus.Signed, OutgoingTxStatus.Broadcast, OutgoingTxStatus.Replaced],
            succeeded ? OutgoingTxStatus.Mined : OutgoingTxStatus.Reverted, $"id = {mined.Id}",
            $"block_number = {blockNumber}, error = {revertReason}", new TransitionStep(actor, revertReason, mined.Chain, mined.TxHash), ct);
        if (others.Length > 0)
        {
            await StateChange.MoveAsync(db, Machine, [OutgoingTxStatus.Signed, OutgoingTxStatus.Broadcast], OutgoingTxStatus.Replaced,
                $"id = ANY({others})", null, new TransitionStep(actor, $"nonce {mined.Nonce} mined as {mined.TxHash}", mined.Chain), ct);
        }
    }

    /// <summary>Inside the caller's transaction: another transaction took the nonce of <paramref name="sameNonce"/>; they become <c>dropped</c>.</summary>
    internal static Task DropRowsAsync(LedgerDbContext db, IReadOnlyList<OutgoingTxRow> sameNonce, string reason, string actor, CancellationToken ct) =>
        StateChange.MoveAsync(db, Machine, [OutgoingTxStatus.Signed, OutgoingTxStatus.Broadcast], OutgoingTxStatus.Dropped,
            $"id = ANY({sameNonce.Select(r => r.Id).ToArray()})", $"error = {reason}", new TransitionStep(actor, reason, sameNonce[0].Chain), ct);
}
