using System.ComponentModel.DataAnnotations;

namespace StratosBridge.Relayer.Jobs;

/// <summary>
/// Section <c>Jobs</c>: Hangfire's server in the <c>jobs</c> role (storage in the ledger's PostgreSQL, schema
/// <see cref="Schema"/>) and the recurring jobs' schedules.
/// </summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Hangfire's tables live in this schema of the ledger's database.</summary>
    public const string Schema = "hangfire";

    /// <summary>This instance's name: Hangfire's server name (shown on the dashboard) and the claim owner in ledger leases; default host-pid.</summary>
    public string? InstanceId { get; set; }

    /// <summary>Hangfire workers on this instance (jobs running at once).</summary>
    [Range(1, 64)]
    public int WorkerCount { get; set; } = 4;

    /// <summary>How often an idle worker asks the queue for a job (the bulk of the schedule-to-start delay).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the recurring and delayed schedulers look for due jobs.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A job fetched by an instance that stopped refreshing it (sliding invisibility: a live worker refreshes it) for this
    /// long is fetched again by another instance. The time a killed instance's job waits before another one runs it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:02", "01:00:00")]
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Cron (with seconds: six fields) of the purchased-Ozone reading (<see cref="PurchasedOzoneJob"/>).</summary>
    [Required]
    public string PurchasedOzoneCron { get; set; } = "*/10 * * * * *";

    public string ResolvedInstanceId => string.IsNullOrWhiteSpace(InstanceId)
        ? $"{Environment.MachineName}-{Environment.ProcessId}"
        : InstanceId;
}
