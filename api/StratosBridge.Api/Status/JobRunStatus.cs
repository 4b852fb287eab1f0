namespace StratosBridge.Api.Status;

/// <summary>The last run of a recurring job.</summary>
public sealed record JobRunStatus(string Job, string Instance, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, string Outcome, string? Detail);
