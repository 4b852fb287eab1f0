namespace StratosBridge.Ledger.Webhooks;

/// <summary>An account's webhook endpoint (never its secrets).</summary>
public sealed record WebhookEndpointRow(long Id, long AccountId, string Url, IReadOnlyList<string> Events, string Status, string? StatusNote,
    DateTimeOffset? FailingSince, DateTimeOffset? PreviousSecretUntil, DateTimeOffset CreatedAt);

/// <summary>A delivery claimed for sending: what to send where, with the secrets that sign it.</summary>
public sealed record ClaimedDelivery(long Id, string EventId, long EndpointId, int Attempts, long? RedeliveryOf, long AccountId, string Type,
    string Subject, long SubjectId, DateTimeOffset OccurredAt, string? Payload, string Url, string Secret, string? PreviousSecret, DateTimeOffset? PreviousSecretUntil);

/// <summary>One delivery as an account sees it, with its latest attempts.</summary>
public sealed record WebhookDeliveryRow(long Id, string EventId, string Type, long EndpointId, long? RedeliveryOf, string Status, int Attempts,
    DateTimeOffset NextAttemptAt, int? LastStatus, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt,
    IReadOnlyList<WebhookAttemptRow> Recent);

/// <summary>One attempt: when, how long, the HTTP status (none when the request failed) and the first bytes of the answer.</summary>
public sealed record WebhookAttemptRow(DateTimeOffset At, int DurationMs, int? StatusCode, string? Error, string? Response);

/// <summary>What one attempt came to.</summary>
public sealed record WebhookAttempt(int DurationMs, int? StatusCode, string? Error, string? Response)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}
