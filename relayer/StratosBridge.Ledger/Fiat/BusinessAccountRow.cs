namespace StratosBridge.Ledger.Fiat;

/// <summary>
/// An account as the ledger holds it (<c>0006_fiat.sql</c>, <c>0024_account_kinds.sql</c>): <see cref="Kind"/> is one of
/// <see cref="AccountKind"/>. A business buys Ozone by card for its Stratos wallet (<see cref="Wallet"/>: the 20 bytes in
/// 0x lower-case hex, required), up to <see cref="MonthlyLimitCents"/> USD cents per calendar month (UTC); a dApp's wallet
/// may be null and it has no card limit (0). <see cref="Status"/> is one of <see cref="BusinessAccountStatus"/>; <see cref="StatusNote"/> says
/// why the account is on hold, or how an operator resolved the last hold.
/// </summary>
public sealed record BusinessAccountRow(
    long Id,
    string Kind,
    string Name,
    string ContactEmail,
    string? Wallet,
    long MonthlyLimitCents,
    string Status,
    string? StatusNote,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
