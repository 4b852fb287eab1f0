namespace StratosBridge.Api.Accounts;

/// <summary>An API key as operators see it: never the key nor its digest; <see cref="Status"/> is <c>active</c> or <c>revoked</c>.</summary>
public sealed record ApiKeyView(
    long Id,
    string Prefix,
    string? Label,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt);
