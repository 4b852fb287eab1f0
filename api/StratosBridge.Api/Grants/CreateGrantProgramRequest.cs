namespace StratosBridge.Api.Grants;

/// <summary>
/// <c>POST /v1/admin/grants</c>: <see cref="Id"/> (lower-case letters, digits and dashes, used in URLs), the window,
/// Ozone per claim in noz, the total and daily budget in STOS wei (strings of digits), whether only allow-listed wallets
/// may claim, the alarm threshold (percent of the daily budget), the account it belongs to (optional: that account gets
/// its claims' <c>credit.completed</c> and <c>credit.failed</c> webhooks), and who creates it.
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
    string? Operator,
    long? AccountId = null);
