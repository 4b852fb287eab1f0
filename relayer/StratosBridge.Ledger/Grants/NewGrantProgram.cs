using System.Numerics;

namespace StratosBridge.Ledger.Grants;

/// <summary>
/// A program to create (validated by the caller; the table's checks are the last line); <see cref="AccountId"/> is the
/// account it belongs to, which gets its claims' credit webhooks (null: nobody's, no webhooks).
/// </summary>
public sealed record NewGrantProgram(
    string Id,
    string Name,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    BigInteger NozPerClaim,
    BigInteger BudgetWei,
    BigInteger DailyBudgetWei,
    bool AllowListOnly,
    int AlarmPercent,
    long? AccountId = null);
