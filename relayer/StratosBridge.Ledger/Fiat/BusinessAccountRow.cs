namespace StratosBridge.Ledger.Fiat;

/// <summary>
/// A business account as the ledger holds it (<c>0006_fiat.sql</c>): who buys Ozone by card, for which Stratos wallet
/// (<see cref="Wallet"/>: the 20 bytes in 0x lower-case hex), up to <see cref="MonthlyLimitCents"/> USD cents per
/// calendar month (UTC). <see cref="Status"/> is one of <see cref="BusinessAccountStatus"/>; <see cref="StatusNote"/> says
/// why the account is on hold, or how an operator resolved the last hold.
/// </summary>
public sealed record BusinessAccountRow(
    long Id,
    string Name,
    string ContactEmail,
    string Wallet,
    long MonthlyLimitCents,
    string Status,
    string? StatusNote,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
