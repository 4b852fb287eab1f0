namespace StratosBridge.Api.Status;

/// <summary>
/// Money that needs watching: payments nothing was credited for (<c>unmatched</c>: operators decide), credits not yet
/// completed (<c>ready</c> or <c>submitted</c>) with when the oldest of them was created and its age (ISO-8601 duration,
/// whole seconds, by the database's clock; null when there is none), and credits parked as <c>failed</c>.
/// </summary>
public sealed record PaymentQueueStatus(long UnmatchedPayments, long OpenCredits, DateTimeOffset? OldestOpenCreditSince,
    string? OldestOpenCreditAge, long FailedCredits);
