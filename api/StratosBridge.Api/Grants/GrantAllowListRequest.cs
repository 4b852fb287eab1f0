namespace StratosBridge.Api.Grants;

/// <summary><c>POST /v1/admin/grants/{id}/allow-list</c>: wallets (<c>st1…</c> or <c>0x…</c>, at most 1000 a call) and who adds them.</summary>
public sealed record GrantAllowListRequest(IReadOnlyList<string>? Wallets, string? Operator);
