namespace StratosBridge.Api.Grants;

/// <summary><c>GET /v1/admin/grants</c>: every program, newest first.</summary>
public sealed record GrantProgramList(IReadOnlyList<GrantProgramView> Programs);
