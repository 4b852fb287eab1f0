using System.Numerics;

namespace StratosBridge.Ledger.Grants;

/// <summary>A grant program as stored (<c>0026_grants.sql</c>), with what today's claims reserved.</summary>
public sealed record GrantProgramRow(
    string Id,
    string Name,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    BigInteger NozPerClaim,
    BigInteger BudgetWei,
    BigInteger DailyBudgetWei,
    BigInteger ReservedWei,
    BigInteger ReservedTodayWei,
    int ClaimsToday,
    bool AllowListOnly,
    int AlarmPercent,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
