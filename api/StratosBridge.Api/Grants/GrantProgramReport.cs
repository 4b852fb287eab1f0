namespace StratosBridge.Api.Grants;

/// <summary>
/// <c>GET /v1/admin/grants/{id}</c>: the program, its last 30 UTC days (claims, STOS wei reserved), its credits by state,
/// and the most frequent refusals of the last 7 days.
/// </summary>
public sealed record GrantProgramReport(
    GrantProgramView Program,
    IReadOnlyList<GrantDayView> Days,
    IReadOnlyDictionary<string, int> CreditsByStatus,
    IReadOnlyList<GrantRefusalCount> TopRefusals);
