using StratosBridge.Ledger.Webhooks;

namespace StratosBridge.Api.Webhooks;

/// <summary>A webhook endpoint as its account sees it (its secret only once, when created or rotated).</summary>
public sealed record WebhookEndpointView(long Id, string Url, IReadOnlyList<string> Events, string Status, string? StatusNote,
    DateTimeOffset? FailingSince, DateTimeOffset? PreviousSecretUntil, DateTimeOffset CreatedAt, string? Secret = null)
{
    public static WebhookEndpointView Of(WebhookEndpointRow row, string? secret = null) =>
        new(row.Id, row.Url, row.Events, row.Status, row.StatusNote, row.FailingSince, row.PreviousSecretUntil, row.CreatedAt, secret);
}

public sealed record WebhookEndpointList(IReadOnlyList<WebhookEndpointView> Endpoints);

public sealed record WebhookDeliveryList(IReadOnlyList<WebhookDeliveryRow> Deliveries);

public sealed record FollowedWalletList(IReadOnlyList<string> Wallets);

/// <summary><c>POST /v1/account/webhooks</c>: where to send, and which events (<see cref="Core.Webhooks.WebhookEventTypes.All"/>).</summary>
public sealed record CreateWebhookRequest(string? Url, IReadOnlyList<string>? Events);

/// <summary><c>POST …/rotate-secret</c>: how long the old secret keeps signing too (default <c>Webhooks:RotationOverlap</c>).</summary>
public sealed record RotateWebhookSecretRequest(int? KeepPreviousSeconds);

/// <summary>What a request queued: a test event or a redelivery.</summary>
public sealed record WebhookQueued(string? EventId, long? DeliveryId);

/// <summary><c>GET /v1/account/webhook-event-types</c>: every event type an endpoint may subscribe to.</summary>
public sealed record WebhookEventTypeList(IReadOnlyList<string> Types);
