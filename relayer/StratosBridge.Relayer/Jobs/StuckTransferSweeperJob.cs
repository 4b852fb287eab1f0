using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using StratosBridge.Ledger.Jobs;
using StratosBridge.Ledger.Transfers;

namespace StratosBridge.Relayer.Jobs;

/// <summary>
/// Recurring: finds transfers stuck in a working state longer than <see cref="JobsOptions.StuckAfter"/> (a worker died
/// holding them, or a retry was lost) and makes them due again. Reentrant: running it twice re-queues nothing twice.
/// </summary>
[DisallowConcurrentExecution]
public sealed class StuckTransferSweeperJob(
    TransferStore transfers,
    JobRunStore runs,
    IOptions<JobsOptions> options,
    ILogger<StuckTransferSweeperJob> logger) : IJob
{
    public static readonly JobKey Key = new("stuck-transfer-sweeper", "recurring");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var instance = options.Value.ResolvedInstanceId;
        if (await runs.TryStartAsync(Key.Name, instance, context.ScheduledFireTimeUtc, started, cancellationToken) is not { } runId)
        {
            logger.LogInformation("Sweeper firing for {ScheduledFor} already ran; skipping the duplicate", context.ScheduledFireTimeUtc);
            return;
        }
        var requeued = await transfers.RequeueStuckAsync(options.Value.StuckAfter, $"sweeper:{instance}", cancellationToken);
        foreach (var t in requeued)
        {
            logger.LogWarning("Re-queued transfer {TransferId}: {Status} for {Minutes:0.#} min with no live worker",
                t.Id, t.Status, t.InState.TotalMinutes);
        }
        if (requeued.Count == 0)
        {
            logger.LogDebug("Sweeper found no stuck transfers");
        }
        await runs.FinishAsync(runId, "ok",
            requeued.Count == 0 ? null : $"re-queued {requeued.Count}: {string.Join(", ", requeued.Select(t => t.Id))}", CancellationToken.None);
    }
}
