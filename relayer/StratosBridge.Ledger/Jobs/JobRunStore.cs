using Microsoft.EntityFrameworkCore;

namespace StratosBridge.Ledger.Jobs;

/// <summary>Records and lists the runs of recurring jobs.</summary>
public sealed class JobRunStore(IDbContextFactory<LedgerDbContext> contexts)
{
    /// <summary>
    /// Claims a firing (job + scheduled time) before doing its work: false when another run already has it.
    /// The row is finished by <see cref="FinishAsync"/>; a run that dies stays "running".
    /// </summary>
    public async Task<long?> TryStartAsync(string job, string instance, DateTimeOffset? scheduledFor, DateTimeOffset started,
        CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var ids = await db.Database.SqlQuery<long>($"""
            INSERT INTO job_runs (job, instance_id, scheduled_for, started_at, finished_at, outcome)
            VALUES ({job}, {instance}, {scheduledFor}, {started}, {started}, 'running')
            ON CONFLICT (job, scheduled_for) DO NOTHING
            RETURNING id AS "Value"
            """).ToListAsync(ct);
        return ids.Count == 1 ? ids[0] : null;
    }

    public async Task FinishAsync(long id, string outcome, string? detail, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE job_runs SET finished_at = now(), outcome = {outcome}, detail = {detail} WHERE id = {id}", ct);
    }

    public async Task<IReadOnlyList<JobRunRow>> RecentAsync(string job, int count, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.JobRuns.AsNoTracking().Where(r => r.Job == job)
            .OrderByDescending(r => r.StartedAt).Take(count).ToListAsync(ct);
    }
}
