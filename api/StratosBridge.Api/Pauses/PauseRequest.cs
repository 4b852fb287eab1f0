namespace StratosBridge.Api.Pauses;

/// <summary>
/// The body of <c>POST /v1/admin/pauses</c>: the scope (<c>all</c>, <c>chain</c>, <c>route</c>, <c>credits</c>, <c>cards</c>),
/// its chain (a chain's name; a route's source; for credits the pay chain, or none for all credits), a route's
/// destination, and who pauses and why (both kept on the pause).
/// </summary>
public sealed record PauseRequest(string? Scope, string? Chain, string? Destination, string? Operator, string? Reason);
