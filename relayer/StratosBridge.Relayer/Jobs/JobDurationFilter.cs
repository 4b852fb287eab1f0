using System.Diagnostics;
using Hangfire.Server;
using StratosBridge.Core.Telemetry;

namespace StratosBridge.Relayer.Jobs;

/// <summary>
/// Records how long each Hangfire job ran (<see cref="BridgeMetrics.JobDuration"/>), by job (its recurring id, else its
/// class and method: <c>OperatorDecisionJob.RetryCreditAsync</c>) and outcome (<c>succeeded</c>, <c>failed</c>).
/// </summary>
public sealed class JobDurationFilter : IServerFilter
{
    private const string StartedItem = "StratosBridge.JobStarted";

    public void OnPerforming(PerformingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[StartedItem] = Stopwatch.GetTimestamp();
    }

    public void OnPerformed(PerformedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Canceled || !context.Items.TryGetValue(StartedItem, out var started) || started is not long timestamp)
        {
            return;
        }
        var job = context.GetJobParameter<string>(RecurringFiringFilter.RecurringJobIdParameter)
                  ?? $"{context.BackgroundJob.Job.Type.Name}.{context.BackgroundJob.Job.Method.Name}";
        BridgeMetrics.JobDuration.Record(Stopwatch.GetElapsedTime(timestamp).TotalSeconds,
            new TagList { { "job", job }, { "outcome", context.Exception is null || context.ExceptionHandled ? "succeeded" : "failed" } });
    }
}
