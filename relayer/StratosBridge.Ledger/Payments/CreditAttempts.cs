namespace StratosBridge.Ledger.Payments;

/// <summary>A credit and how many attempts it has had (read after a failed attempt, for the alarm on attempts).</summary>
internal sealed record CreditAttempts(long Id, int Attempts);
