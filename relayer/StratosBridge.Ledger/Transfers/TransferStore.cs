using Microsoft.EntityFrameworkCore;
using Npgsql;
using StratosBridge.Core.Ledger;
using StratosBridge.Core.Transfers;

namespace StratosBridge.Ledger.Transfers;

/// <summary>
/// Transfers as a guarded state machine: every change is an <c>UPDATE … WHERE status = @from</c> plus a timeline row
/// in the same transaction. (The relay worker claims work per route through
/// <see cref="StratosBridge.Ledger.Relaying.ReleaseStore"/>.)
/// </summary>
public sealed class TransferStore(IDbContextFactory<LedgerDbContext> contexts)
{
    /// <summary>Opens the transfer of a source event; a second transfer for the same event is <see cref="Recorded.AlreadyKnown"/>.</summary>
    public async Task<(Recorded Outcome, long Id)> CreateAsync(NewTransfer transfer, TransitionStep step, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var row = new TransferRow
        {
            SourceEventId = transfer.SourceEventId,
            SourceChain = transfer.SourceChain,
            DestChain = transfer.DestChain,
            Sender = transfer.Sender,
            Recipient = transfer.Recipient,
            Amount = transfer.Amount,
            Status = transfer.Status.ToWire(),
        };
        db.Transfers.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            await tx.RollbackAsync(CancellationToken.None);
            var existing = await ExistingIdAsync(transfer.SourceEventId, ct);
            return (Recorded.AlreadyKnown, existing);
        }
        db.Timeline.Add(Timeline(row.Id, transfer.Status, step));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (Recorded.Inserted, row.Id);
    }

    /// <summary>
    /// Moves a transfer from <paramref name="from"/> to <paramref name="to"/> if it is still in <paramref name="from"/>.
    /// False means someone else moved it first; nothing was written.
    /// </summary>
    public async Task<bool> TryTransitionAsync(long id, TransferStatus from, TransferStatus to, TransitionStep step,
        CancellationToken ct = default)
    {
        if (!TransferTransitions.IsAllowed(from, to))
        {
            throw new InvalidOperationException($"transfer {id}: {from.ToWire()} → {to.ToWire()} is not a transition of the state machine");
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var changed = await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE transfers
               SET status = {to.ToWire()}, state_since = now(), updated_at = now(),
                   claimed_by = NULL, claimed_until = NULL, next_attempt_at = now(),
                   last_error = CASE WHEN {to.ToWire()} = 'failed' THEN {step.Note} ELSE last_error END
             WHERE id = {id} AND status = {from.ToWire()}
            """, ct);
        if (changed == 0)
        {
            return false;
        }
        db.Timeline.Add(Timeline(id, to, step));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Finds transfers that have sat in a working state (finalized, submitted) for longer than <paramref name="stuckAfter"/>
    /// with no live lease and no retry due within that time, and makes them due now. Each gets a timeline row.
    /// </summary>
    public async Task<IReadOnlyList<RequeuedTransfer>> RequeueStuckAsync(TimeSpan stuckAfter, string actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var requeued = await db.Database.SqlQuery<RequeuedRow>($"""
            UPDATE transfers t
               SET claimed_by = NULL, claimed_until = NULL, next_attempt_at = now(), updated_at = now()
             WHERE t.id IN (SELECT id FROM transfers
                             WHERE status IN ('finalized', 'submitted')
                               AND state_since < now() - {stuckAfter}
                               AND next_attempt_at < now() - {stuckAfter}
                               AND (claimed_until IS NULL OR claimed_until < now())
                             ORDER BY id
                             LIMIT 1000
                             FOR UPDATE SKIP LOCKED)
            RETURNING t.id AS "Id", t.status AS "Status", now() - t.state_since AS "InState"
            """).ToListAsync(ct);
        foreach (var r in requeued)
        {
            db.Timeline.Add(Timeline(r.Id, TransferTransitions.ParseWire(r.Status),
                new TransitionStep(actor, $"re-queued after {r.InState.TotalMinutes:0.#} min in {r.Status}")));
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return requeued.Select(r => new RequeuedTransfer(r.Id, r.Status, r.InState)).ToList();
    }

    public async Task<TransferRow?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Transfers.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct);
    }

    public async Task<IReadOnlyList<TransferTimelineRow>> TimelineAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Timeline.AsNoTracking().Where(t => t.TransferId == id).OrderBy(t => t.Id).ToListAsync(ct);
    }

    private async Task<long> ExistingIdAsync(long sourceEventId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Transfers.Where(t => t.SourceEventId == sourceEventId).Select(t => t.Id).SingleAsync(ct);
    }

    private static TransferTimelineRow Timeline(long id, TransferStatus status, TransitionStep step) => new()
    {
        TransferId = id,
        Status = status.ToWire(),
        Actor = step.Actor,
        Note = step.Note,
        Chain = step.Chain,
        TxHash = step.TxHash,
    };

    private sealed record RequeuedRow(long Id, string Status, TimeSpan InState);
}
