using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace StratosBridge.Ledger.States;

/// <summary>
/// Carries out an operator's decision once (table <c>operator_decisions</c>): the decision's id and the state change it
/// makes commit together, so a job that runs twice, or again after its server died, changes nothing the second time.
/// </summary>
public static class OperatorDecisions
{
    /// <summary>
    /// In one transaction: claims <paramref name="decision"/> (already claimed: <see cref="OperatorDecision.AlreadyDecided"/>),
    /// runs <paramref name="move"/> (a guarded <see cref="StateChange"/>; true when it moved the subject) and records whether it applied.
    /// </summary>
    public static async Task<OperatorDecision> ApplyOnceAsync(DbContext db, string decision, string subject, long subjectId, string action,
        Func<CancellationToken, Task<bool>> move, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(move);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO operator_decisions (decision, subject, subject_id, action, applied)
            VALUES ({decision}, {subject}, {subjectId}, {action}, false)
            ON CONFLICT (decision) DO NOTHING
            """, ct);
        if (claimed == 0)
        {
            return OperatorDecision.AlreadyDecided;
        }
        var applied = await move(ct);
        if (applied)
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE operator_decisions SET applied = true WHERE decision = {decision}", ct);
        }
        await tx.CommitAsync(ct);
        return applied ? OperatorDecision.Applied : OperatorDecision.NotApplicable;
    }
}
