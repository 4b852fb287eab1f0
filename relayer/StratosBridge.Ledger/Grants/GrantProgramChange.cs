using System.Numerics;

namespace StratosBridge.Ledger.Grants;

/// <summary>
/// What an operator changes on a program; null fields stay as they are. <see cref="AccountId"/> gives the program to an
/// account; <see cref="NoAccount"/> makes it nobody's (no webhooks).
/// </summary>
public sealed record GrantProgramChange(
    string? Name = null,
    DateTimeOffset? EndsAt = null,
    BigInteger? NozPerClaim = null,
    BigInteger? BudgetWei = null,
    BigInteger? DailyBudgetWei = null,
    bool? AllowListOnly = null,
    int? AlarmPercent = null,
    string? Status = null,
    long? AccountId = null,
    bool NoAccount = false);
