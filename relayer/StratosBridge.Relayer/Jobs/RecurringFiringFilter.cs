using Hangfire.Server;
using Microsoft.Extensions.Logging;
using StratosBridge.Ledger.Jobs;

namespace StratosBridge.Relayer.Jobs;

/// <summary>
/// One firing of a recurring job is worked once: before a job created by a recurring schedule runs, it claims its
/// (recurring job, scheduled time) in the ledger (<see cref="JobFiringStore"/>); a second Hangfire job for the same firing
/// (Hangfire can fire a recurring job on several servers) finds it taken and ends without working. Other jobs pass.
/// </summary>
public sealed class RecurringFiringFilter(JobFiringStore firings, ILogger<RecurringFiringFilter> logger) : IServerFilter
{
    /// <summary>The parameters Hangfire's recurring scheduler sets on the jobs it creates.</summary>
    public const string RecurringJobIdParameter = "RecurringJobId";

    public const string TimeParameter = "Time";

    public void OnPerforming(PerformingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var recurring = context.GetJobParameter<string>(RecurringJobIdParameter);
        var time = context.GetJobParameter<long?>(TimeParameter);
        if (recurring is null || time is not { } seconds)
        {
            return;
        }
        var scheduledFor = DateTimeOffset.FromUnixTimeSeconds(seconds);
        // Hangfire's filters are synchronous; its workers are dedicated threads, so blocking one here starves nothing else.
        if (!firings.TryClaimAsync(recurring, scheduledFor, context.BackgroundJob.Id, context.ServerId, context.CancellationToken.ShutdownToken)
                .GetAwaiter().GetResult())
        {
            logger.LogInformation("Recurring job {Job} firing of {ScheduledFor:O} already worked by another job; {HangfireJob} does nothing",
                recurring, scheduledFor, context.BackgroundJob.Id);
            context.Canceled = true;
        }
    }

    public void OnPerformed(PerformedContext context)
    {
    }
}
