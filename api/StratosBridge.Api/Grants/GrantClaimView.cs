namespace StratosBridge.Api.Grants;

/// <summary>
/// A wallet's claim of a program: its <see cref="Status"/> (<c>pending</c> while its credit is on its way, <c>completed</c>
/// once the Ozone is bought, <c>failed</c> when its credit failed for good: nothing was bought, its reservation went back to
/// the program's budget at <see cref="ReleasedAt"/>, and the wallet may claim again), what it was granted (noz, GB, the
/// campaign code used) and its credit.
/// </summary>
public sealed record GrantClaimView(
    long Id,
    string Program,
    GrantWalletView Wallet,
    string Status,
    string? Code,
    string Noz,
    string? Gb,
    DateTimeOffset ClaimedAt,
    DateTimeOffset? ReleasedAt,
    GrantCreditView Credit);
