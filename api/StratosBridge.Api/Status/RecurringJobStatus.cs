namespace StratosBridge.Api.Status;

/// <summary>A recurring job: its schedule, when it last fired and what became of that run, when it fires next.</summary>
public sealed record RecurringJobStatus(string Id, string Cron, DateTime? LastExecution, string? LastJobId, string? LastJobState,
    DateTime? NextExecution, string? Error);
