namespace StratosBridge.Ledger.Fiat;

/// <summary>A business account to create, validated by the caller; <see cref="Wallet"/> is 0x + 40 hex digits (stored lower case).</summary>
public sealed record NewBusinessAccount(string Name, string ContactEmail, string Wallet, long MonthlyLimitCents);
