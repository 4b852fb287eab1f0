using System.Numerics;

namespace StratosBridge.Ledger.Grants;

/// <summary>
/// A grant program as stored (<c>0026_grants.sql</c>), with what today's claims reserved, and the account it belongs to
/// (<c>0029_grant_releases_and_owners.sql</c>; null: nobody's).
/// </summary>
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
    DateTimeOffset UpdatedAt,
    long? AccountId);
