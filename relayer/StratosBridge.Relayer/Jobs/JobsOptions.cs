using System.ComponentModel.DataAnnotations;

namespace StratosBridge.Relayer.Jobs;

/// <summary>Section <c>Jobs</c>: the Quartz scheduler of the <c>jobs</c> role and its recurring jobs.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>This instance's name in the Quartz cluster and in job_runs; default host-pid.</summary>
    public string? InstanceId { get; set; }

    /// <summary>How often each cluster member checks in; a dead member's jobs move to another after about this long.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the scheduler sleeps when no trigger is due.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")] // Quartz refuses less than 1 s
    public TimeSpan IdleWait { get; set; } = TimeSpan.FromSeconds(1);

    [Range(1, 64)]
    public int ThreadCount { get; set; } = 4;

    /// <summary>How often the stuck-transfer sweeper runs.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A transfer in finalized/submitted for longer than this, with no live claim, is re-queued.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromMinutes(10);

    public string ResolvedInstanceId => string.IsNullOrWhiteSpace(InstanceId)
        ? $"{Environment.MachineName}-{Environment.ProcessId}"
        : InstanceId;
}
