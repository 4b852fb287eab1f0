using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace StratosBridge.Relayer.Jobs;

/// <summary>
/// Declares the recurring jobs at start-up of every <c>jobs</c> instance (the last declaration wins, so a changed schedule
/// applies; declaring one again does not fire it early). Schedules are UTC cron expressions; six fields include seconds.
/// </summary>
public sealed class RecurringJobs(IRecurringJobManager recurring, IOptions<JobsOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<PurchasedOzoneJob>(PurchasedOzoneJob.Id, job => job.RunAsync(CancellationToken.None),
            options.Value.PurchasedOzoneCron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
