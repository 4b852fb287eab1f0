namespace StratosBridge.Api.Grants;

/// <summary><c>POST /v1/admin/grants/{id}/codes</c>: a campaign code, its extra Ozone in noz, its uses in total, its expiry, and who creates it.</summary>
public sealed record CreateGrantCodeRequest(string? Code, string? ExtraNoz, int? MaxUses, DateTimeOffset? ExpiresAt, string? Operator);
