namespace StratosBridge.Api.Grants;

/// <summary>
/// A program as operators see it: its rules, and its budget in STOS wei (strings) with what claims reserved in total and
/// today (UTC) and what is left. <see cref="Open"/> is true while it is active and within its window. <see cref="AccountId"/>
/// is the account it belongs to, which gets its claims' credit webhooks (null: nobody's).
/// </summary>
public sealed record GrantProgramView(
    string Id,
    string Name,
    string Status,
    bool Open,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string NozPerClaim,
    string? GbPerClaim,
    string BudgetWei,
    string ReservedWei,
    string LeftWei,
    string DailyBudgetWei,
    string ReservedTodayWei,
    string LeftTodayWei,
    int ClaimsToday,
    bool AllowListOnly,
    int AlarmPercent,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long? AccountId);
