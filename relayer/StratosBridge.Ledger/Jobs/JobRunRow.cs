namespace StratosBridge.Ledger.Jobs;

/// <summary>One run of a recurring job, for operators.</summary>
public sealed class JobRunRow
{
    public long Id { get; set; }
    public required string Job { get; set; }
    public required string InstanceId { get; set; }
    public DateTimeOffset? ScheduledFor { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset FinishedAt { get; set; }
    public required string Outcome { get; set; }
    public string? Detail { get; set; }
}
