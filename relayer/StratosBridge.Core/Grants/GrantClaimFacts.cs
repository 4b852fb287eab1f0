using System.Numerics;

namespace StratosBridge.Core.Grants;

/// <summary>
/// What the ledger knows about a claim, read under the program's row lock: the program, the wallet's standing, the
/// campaign code named (if any), and what the program's claims have reserved in total and today. <see cref="AlreadyClaimed"/>
/// is a claim of this wallet in flight or completed (a failed one gave its reservation back and does not count).
/// </summary>
public sealed record GrantClaimFacts(
    DateTimeOffset Now,
    bool ProgramActive,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    BigInteger NozPerClaim,
    BigInteger BudgetWei,
    BigInteger ReservedWei,
    BigInteger DailyBudgetWei,
    BigInteger ReservedTodayWei,
    int AlarmPercent,
    bool AlarmedToday,
    bool AllowListOnly,
    bool WalletAllowed,
    bool WalletDenied,
    bool AlreadyClaimed,
    GrantCodeFacts? Code);
