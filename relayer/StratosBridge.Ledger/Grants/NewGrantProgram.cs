using System.Numerics;

namespace StratosBridge.Ledger.Grants;

/// <summary>A program to create (validated by the caller; the table's checks are the last line).</summary>
public sealed record NewGrantProgram(
    string Id,
    string Name,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    BigInteger NozPerClaim,
    BigInteger BudgetWei,
    BigInteger DailyBudgetWei,
    bool AllowListOnly,
    int AlarmPercent);
