namespace StratosBridge.Api.Grants;

/// <summary><c>GET /v1/admin/grants/{id}/codes</c>.</summary>
public sealed record GrantCodeList(IReadOnlyList<GrantCodeView> Codes);
