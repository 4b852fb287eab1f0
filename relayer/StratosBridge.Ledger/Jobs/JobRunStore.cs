using Microsoft.EntityFrameworkCore;

namespace StratosBridge.Ledger.Jobs;

/// <summary>Records and lists the runs of recurring jobs.</summary>
public sealed class JobRunStore(IDbContextFactory<LedgerDbContext> contexts)
{
    public async Task RecordAsync(JobRunRow run, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.JobRuns.Add(run);
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<JobRunRow>> RecentAsync(string job, int count, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.JobRuns.AsNoTracking().Where(r => r.Job == job)
            .OrderByDescending(r => r.StartedAt).Take(count).ToListAsync(ct);
    }
}
