using Microsoft.EntityFrameworkCore;
using StratosBridge.Core.Transfers;
using StratosBridge.Ledger.States;

namespace StratosBridge.Ledger.Transfers;

/// <summary>
/// Transfers outside the watcher's and the relay worker's paths: reading one, and the sweeper's re-queue of stuck ones.
/// Transfers are opened by <see cref="Watching.ChainScanStore"/> and moved through <see cref="StateChange"/> with
/// <see cref="TransferStates.Machine"/>, like every state change.
/// </summary>
public sealed class TransferStore(IDbContextFactory<LedgerDbContext> contexts)
{
    private static readonly TransferStatus[] Working = [TransferStatus.Finalized, TransferStatus.Submitted];

    /// <summary>
    /// Finds transfers that have sat in a working state (finalized, submitted) for longer than <paramref name="stuckAfter"/>
    /// with no live lease and no retry due within that time, and makes them due now. Each gets a timeline row.
    /// </summary>
    public async Task<IReadOnlyList<RequeuedTransfer>> RequeueStuckAsync(TimeSpan stuckAfter, string actor, CancellationToken ct = default)
    {
        var machine = TransferStates.Machine;
        var working = Working.Select(machine.Wire).ToArray();
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var stuck = await db.Database.SqlQuery<StuckRow>($"""
            SELECT id AS "Id", status AS "Status", now() - state_since AS "InState" FROM transfers
             WHERE status = ANY({working})
               AND state_since < now() - {stuckAfter}
               AND next_attempt_at < now() - {stuckAfter}
               AND (claimed_until IS NULL OR claimed_until < now())
             ORDER BY id
             LIMIT 1000
             FOR UPDATE SKIP LOCKED
            """).ToListAsync(ct);
        var requeued = new List<RequeuedTransfer>();
        foreach (var status in Working)
        {
            var ids = stuck.Where(s => s.Status == machine.Wire(status)).Select(s => s.Id).ToArray();
            if (ids.Length == 0)
            {
                continue;
            }
            var moved = await StateChange.MoveAsync(db, machine, [status], status, $"id = ANY({ids})",
                $"claimed_by = NULL, claimed_until = NULL, next_attempt_at = now()",
                new TransitionStep(actor, $"re-queued: {machine.Wire(status)} for longer than {stuckAfter.TotalMinutes:0.#} min with no live worker"), ct);
            requeued.AddRange(stuck.Where(s => moved.Contains(s.Id)).Select(s => new RequeuedTransfer(s.Id, s.Status, s.InState)));
        }
        await tx.CommitAsync(ct);
        return requeued.OrderBy(r => r.Id).ToList();
    }

    public async Task<TransferRow?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Transfers.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct);
    }

    private sealed record StuckRow(long Id, string Status, TimeSpan InState);
}
