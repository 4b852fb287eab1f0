namespace StratosBridge.Api.Status;

/// <summary>The jobs at a glance: where the dashboard is, Hangfire's queue counts and each recurring job's last and next firing.</summary>
public sealed record JobsStatus(string Dashboard, long Enqueued, long Processing, long Failed, long Servers,
    IReadOnlyList<RecurringJobStatus> Recurring);
