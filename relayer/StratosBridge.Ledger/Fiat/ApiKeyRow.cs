namespace StratosBridge.Ledger.Fiat;

/// <summary>
/// An API key of a business account, without the key: the ledger keeps only its SHA-256. <see cref="Prefix"/> (the key's
/// first characters, not secret) names it in lists and logs. <see cref="LastUsedAt"/> is updated at most once a minute;
/// a key with <see cref="RevokedAt"/> no longer authenticates.
/// </summary>
public sealed record ApiKeyRow(
    long Id,
    long AccountId,
    string Prefix,
    string? Label,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt);
