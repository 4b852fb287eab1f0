using System.Xml;
using Hangfire;
using Hangfire.Storage;
using Npgsql;
using StratosBridge.Api.Jobs;
using StratosBridge.Api.Pauses;
using StratosBridge.Api.Transfers;
using StratosBridge.Ledger.Attestations;
using StratosBridge.Ledger.Pauses;
using StratosBridge.Ledger.Watching;
using StratosBridge.Relayer.Configuration;

namespace StratosBridge.Api.Status;

/// <summary>
/// What an operator wants at a glance: roles, schema, chain heads (and who watches them), the jobs (recurring ones'
/// last firings, Hangfire's queues, a link to the dashboard), queue depth,
/// the payments and credits that are stuck or waiting, and the logs of watched contracts that could not be decoded.
/// </summary>
public sealed class StatusReader(NpgsqlDataSource database, FailedSourceEventQueries failures, PauseStore pauses, AttestationStore attestations,
    Roles roles, JobStorage jobStorage)
{
    /// <summary>A chain whose watcher wrote its head less than this long ago (by the database's clock) is up.</summary>
    public static readonly TimeSpan UpWithin = TimeSpan.FromMinutes(2);

    /// <summary>The public summary: each watched chain, up or down, with its head; nothing about queues, jobs or instances.</summary>
    public async Task<PublicStatus> ReadPublicAsync(CancellationToken ct)
    {
        await using var cmd = database.CreateCommand(
            "SELECT chain, head, finalized, seen_at, seen_at > now() - @upWithin FROM chain_heads ORDER BY chain");
        cmd.Parameters.AddWithValue("upWithin", UpWithin);
        var chains = new List<PublicChainStatus>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                chains.Add(new PublicChainStatus(r.GetString(0), r.GetBoolean(4) ? "up" : "down", r.GetInt64(1),
                    r.IsDBNull(2) ? null : r.GetInt64(2), r.GetFieldValue<DateTimeOffset>(3)));
            }
        }
        // what each pause covers, since when and why; a reconciliation breach's numbers are for operators
        var paused = (await pauses.InForceAsync(ct)).Active.Select(PauseView.Of).ToList();
        return new PublicStatus(paused.Count > 0 ? "paused" : chains.All(c => c.Status == "up") ? "ok" : "degraded", chains, paused);
    }

    /// <summary>The operators' view (admin token only).</summary>
    public async Task<ServiceStatus> ReadAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        var heads = new List<ChainHeadStatus>();
        await using (var cmd = new NpgsqlCommand("SELECT chain, head, finalized, watcher_instance, seen_at FROM chain_heads ORDER BY chain", connection))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                heads.Add(new ChainHeadStatus(r.GetString(0), r.GetInt64(1), r.IsDBNull(2) ? null : r.GetInt64(2), r.GetString(3),
                    r.GetFieldValue<DateTimeOffset>(4)));
            }
        }
        var jobs = ReadJobs();
        var queues = new Dictionary<string, long>();
        await using (var cmd = new NpgsqlCommand("SELECT status, count(*) FROM transfers GROUP BY status", connection))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                queues[r.GetString(0)] = r.GetInt64(1);
            }
        }
        PaymentQueueStatus payments;
        await using (var cmd = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM payments WHERE status = 'unmatched'),
                   count(*) FILTER (WHERE status IN ('ready', 'submitted')),
                   min(created_at) FILTER (WHERE status IN ('ready', 'submitted')),
                   date_trunc('second', now() - min(created_at) FILTER (WHERE status IN ('ready', 'submitted'))),
                   count(*) FILTER (WHERE status = 'failed')
              FROM credits WHERE status <> 'completed'
            """, connection))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            await r.ReadAsync(ct);
            payments = new PaymentQueueStatus(r.GetInt64(0), r.GetInt64(1),
                r.IsDBNull(2) ? null : r.GetFieldValue<DateTimeOffset>(2).ToUniversalTime(),
                r.IsDBNull(3) ? null : XmlConvert.ToString(r.GetFieldValue<TimeSpan>(3)), r.GetInt64(4));
        }
        var (failedCount, latestFailed) = await failures.SummaryAsync(ct);
        await using var schema = new NpgsqlCommand("SELECT max(version) FROM schema_migrations", connection);
        return new ServiceStatus(roles.ToString(), await schema.ExecuteScalarAsync(ct) as string, heads, jobs, queues, payments,
            new FailedSourceEventStatus(failedCount, latestFailed is null ? null : FailedSourceEventView.Of(latestFailed)),
            (await pauses.InForceRowsAsync(ct)).Select(PauseView.Of).ToList(),
            (await pauses.ChecksAsync(ct)).Select(ReconciliationCheckView.Of).ToList(),
            (await attestations.ReportsAsync(ct)).Select(r => AttesterStatus.Of(r, DateTimeOffset.UtcNow)).ToList());
    }

    /// <summary>Hangfire's own view (its tables), read through its monitoring API.</summary>
    private JobsStatus ReadJobs()
    {
        var stats = jobStorage.GetMonitoringApi().GetStatistics();
        using var connection = jobStorage.GetConnection();
        var recurring = connection.GetRecurringJobs()
            .Select(r => new RecurringJobStatus(r.Id, r.Cron, r.LastExecution, r.LastJobId, r.LastJobState, r.NextExecution, r.Error))
            .ToList();
        return new JobsStatus(JobsDashboard.Path, stats.Enqueued, stats.Processing, stats.Failed, stats.Servers, recurring);
    }
}
