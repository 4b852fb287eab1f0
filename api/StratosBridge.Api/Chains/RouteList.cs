namespace StratosBridge.Api.Chains;

/// <summary>What GET /v1/routes answers: every route between two configured chains with a vault on each side.</summary>
public sealed record RouteList(IReadOnlyList<RouteView> Routes);
