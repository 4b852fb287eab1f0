namespace StratosBridge.Api.Grants;

/// <summary>
/// <c>PATCH /v1/admin/grants/{id}</c>: what to change (absent fields stay), <c>status</c> active or closed,
/// <c>accountId</c> the account it belongs to (0: nobody's), and who changes it.
/// </summary>
public sealed record UpdateGrantProgramRequest(
    string? Name,
    DateTimeOffset? EndsAt,
    string? NozPerClaim,
    string? BudgetWei,
    string? DailyBudgetWei,
    bool? AllowListOnly,
    int? AlarmPercent,
    string? Status,
    string? Operator,
    long? AccountId = null);
