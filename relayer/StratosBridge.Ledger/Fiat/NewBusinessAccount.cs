namespace StratosBridge.Ledger.Fiat;

/// <summary>
/// An account to create, validated by the caller: <see cref="Kind"/> is one of <see cref="AccountKind"/>; <see cref="Wallet"/>
/// is 0x + 40 hex digits (stored lower case), required for a business, optional for a dApp.
/// </summary>
public sealed record NewBusinessAccount(string Name, string ContactEmail, string? Wallet, long MonthlyLimitCents, string Kind = AccountKind.Business);
