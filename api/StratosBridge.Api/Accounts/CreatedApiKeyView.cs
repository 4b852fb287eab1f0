namespace StratosBridge.Api.Accounts;

/// <summary>
/// A new API key: the only answer that carries <see cref="Key"/>. The service keeps its SHA-256 only, so it cannot show
/// the key again (<see cref="Notice"/> says so); lists show the <see cref="Prefix"/>.
/// </summary>
public sealed record CreatedApiKeyView(long Id, long AccountId, string Key, string Prefix, string? Label, DateTimeOffset CreatedAt, string Notice);
