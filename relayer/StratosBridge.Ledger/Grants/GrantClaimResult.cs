namespace StratosBridge.Ledger.Grants;

/// <summary>
/// What a claim came to: the claim accepted (with its credit), or the refusal. <see cref="AlarmPercent"/> is set when
/// this claim took the day's reservations past the program's alarm threshold for the first time that day.
/// </summary>
public sealed record GrantClaimResult(GrantClaimRow? Claim, GrantRefusal? Refusal, int? AlarmPercent = null);
