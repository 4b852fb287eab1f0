namespace StratosBridge.Api.Grants;

/// <summary>
/// <c>POST /v1/admin/grants</c>: <see cref="Id"/> (lower-case letters, digits and dashes, used in URLs), the window,
/// Ozone per claim in noz, the total and daily budget in STOS wei (strings of digits), whether only allow-listed wallets
/// may claim, the alarm threshold (percent of the daily budget), and who creates it.
/// </summary>
public sealed record CreateGrantProgramRequest(
    string? Id,
    string? Name,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    string? NozPerClaim,
    string? BudgetWei,
    string? DailyBudgetWei,
    bool? AllowListOnly,
    int? AlarmPercent,
    string? Operator);
