namespace StratosBridge.Api.Grants;

/// <summary><c>PUT /v1/admin/grant-deny-list/{wallet}</c>: why the wallet may not claim, and who says so.</summary>
public sealed record GrantDenyRequest(string? Reason, string? Operator);
