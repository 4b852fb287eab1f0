using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using StratosBridge.Relayer.Configuration;

namespace StratosBridge.Relayer.Jobs;

/// <summary>
/// The <c>jobs</c> role: Quartz with its ADO.NET store on the ledger's PostgreSQL, clustered (many instances, each job
/// firing on one), schema provisioned by Quartz itself. Quartz carries recurring and coordinating jobs only; per-item
/// work is claimed from ledger tables.
/// </summary>
public static class JobsRole
{
    public static IServiceCollection AddJobsRole(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        services.AddValidatedOptions<JobsOptions>(JobsOptions.Section);
        var options = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        services.Configure<QuartzOptions>(q =>
        {
            // Every instance re-declares the recurring triggers at start-up (so a changed interval applies), but the
            // replacement keeps the old trigger's firing history: starting an instance never fires a job early.
            q.Scheduling.OverwriteExistingData = true;
            q.Scheduling.ScheduleTriggerRelativeToReplacedTrigger = true;
        });
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = "StratosBridge";
                s.InstanceId = options.ResolvedInstanceId;
                s.IdleWaitTime = options.IdleWait;
            });
            q.UseDefaultThreadPool(options.ThreadCount);
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(connectionString);
                store.UseSystemTextJsonSerializer();
                store.UseClustering(c => c.CheckinInterval = options.ClusterCheckinInterval);
                store.ProvisionSchema();
            });
            q.AddJob<StuckTransferSweeperJob>(j => j.WithIdentity(StuckTransferSweeperJob.Key).StoreDurably());
            q.AddTrigger(t => t
                .ForJob(StuckTransferSweeperJob.Key)
                .WithIdentity("stuck-transfer-sweeper-every", "recurring")
                .StartNow()
                .WithSimpleSchedule(s => s.WithInterval(options.SweepInterval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
        });
        services.AddQuartzHostedService(h => h.WaitForJobsToComplete = true);
        return services;
    }
}
