using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using StratosBridge.Core.Background;
using StratosBridge.Relayer.Configuration;
using StratosBridge.Relayer.Safety;

namespace StratosBridge.Relayer.Jobs;

/// <summary>
/// Declares the recurring jobs when every <c>jobs</c> instance starts (the last declaration wins, so a changed schedule
/// applies; declaring one again does not fire it early). Schedules are UTC cron expressions; six fields include seconds.
/// Declaring takes Hangfire's lock on the job, which an instance killed while holding it keeps until Hangfire expires it
/// (<c>DistributedLockTimeout</c>), or the ledger may be down: then the instance starts anyway and declares again by the
/// one back-off rule until it succeeds (the declaration already stored keeps the job firing meanwhile).
/// </summary>
public sealed class RecurringJobs(IRecurringJobManager recurring, IOptions<JobsOptions> options, IOptions<SafetyOptions> safety,
    IOptions<ChainsOptions> chains, ILogger<RecurringJobs> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        for (var failures = 0; !stoppingToken.IsCancellationRequested; failures++)
        {
            try
            {
                recurring.AddOrUpdate<PurchasedOzoneJob>(PurchasedOzoneJob.Id, job => job.RunAsync(CancellationToken.None),
                    options.Value.PurchasedOzoneCron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
                // both read the chains (with none configured there is nothing to check, and no RPC client to build)
                var watched = chains.Value.Count > 0;
                Declare<OnChainPauseJob>(OnChainPauseJob.Id, job => job.RunAsync(CancellationToken.None), watched ? safety.Value.OnChainPauseCron : null);
                Declare<ReconciliationJob>(ReconciliationJob.Id, job => job.RunAsync(CancellationToken.None), watched ? safety.Value.ReconciliationCron : null);
                if (failures > 0)
                {
                    logger.LogInformation("Recurring jobs declared after {Failures} failed attempt(s)", failures);
                }
                return;
            }
            catch (Exception e) when (e is PostgreSqlDistributedLockException or DistributedLockTimeoutException or NpgsqlException or TimeoutException)
            {
                var wait = backoff.After(failures, Random.Shared.NextDouble());
                logger.LogWarning("Could not declare the recurring jobs yet ({Error}); trying again in {Wait}", e.Message, wait);
                await Task.Delay(wait, stoppingToken);
            }
        }
    }

    /// <summary>Declares a recurring job on <paramref name="cron"/>, or removes it when the cron is empty (switched off).</summary>
    private void Declare<T>(string id, System.Linq.Expressions.Expression<Func<T, Task>> run, string? cron)
    {
        if (string.IsNullOrWhiteSpace(cron))
        {
            recurring.RemoveIfExists(id);
            return;
        }
        recurring.AddOrUpdate(id, run, cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
    }
}
