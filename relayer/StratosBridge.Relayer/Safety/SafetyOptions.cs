using System.ComponentModel.DataAnnotations;

namespace StratosBridge.Relayer.Safety;

/// <summary>
/// Section <c>Safety</c>: the schedules (UTC cron, six fields with seconds) of the on-chain pause watch and reconciliation
/// (an empty value removes the recurring job), and how long reconciliation waits before it reads a route's numbers again.
/// </summary>
public sealed class SafetyOptions
{
    public const string Section = "Safety";

    /// <summary>Cron of <see cref="OnChainPauseJob"/>: reads <c>paused()</c> of every vault and OzonePayments contract.</summary>
    public string? OnChainPauseCron { get; set; } = "*/15 * * * * *";

    /// <summary>Cron of <see cref="ReconciliationJob"/>.</summary>
    public string? ReconciliationCron { get; set; } = "0 * * * * *";

    /// <summary>
    /// A route whose numbers do not add up is read again after this; only the same difference twice is a breach (a release
    /// mined but not yet settled in the ledger counts twice for a moment).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ConfirmDelay { get; set; } = TimeSpan.FromSeconds(5);
}
