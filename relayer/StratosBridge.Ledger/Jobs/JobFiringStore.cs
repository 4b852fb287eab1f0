using Npgsql;

namespace StratosBridge.Ledger.Jobs;

/// <summary>
/// Claims of recurring-job firings (table <c>job_firings</c>): one (job, scheduled time) is worked by one Hangfire job,
/// whichever server created or fetched it.
/// </summary>
public sealed class JobFiringStore(NpgsqlDataSource database)
{
    /// <summary>How long a firing's claim is kept (long enough that no duplicate of it is still queued).</summary>
    public static readonly TimeSpan Kept = TimeSpan.FromDays(1);

    /// <summary>
    /// True when <paramref name="hangfireJob"/> may work the firing (<paramref name="job"/>, <paramref name="scheduledFor"/>):
    /// nobody claimed it, or this same Hangfire job did (it is being run again after its server died). False when another
    /// Hangfire job has it: this one is a duplicate firing.
    /// </summary>
    public async Task<bool> TryClaimAsync(string job, DateTimeOffset scheduledFor, string hangfireJob, string server, CancellationToken ct = default)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("""
                    INSERT INTO job_firings (job, scheduled_for, hangfire_job, server) VALUES ($1, $2, $3, $4)
                    ON CONFLICT (job, scheduled_for) DO UPDATE SET server = excluded.server, claimed_at = now()
                     WHERE job_firings.hangfire_job = excluded.hangfire_job
                    """)
                {
                    Parameters = { new() { Value = job }, new() { Value = scheduledFor }, new() { Value = hangfireJob }, new() { Value = server } },
                },
                new NpgsqlBatchCommand("DELETE FROM job_firings WHERE job = $1 AND scheduled_for < now() - $2")
                {
                    Parameters = { new() { Value = job }, new() { Value = Kept } },
                },
            },
        };
        await batch.ExecuteNonQueryAsync(ct);
        return batch.BatchCommands[0].RecordsAffected == 1;
    }
}
