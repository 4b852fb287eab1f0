namespace StratosBridge.Api.Grants;

/// <summary>A wallet's claim of a program: what it was granted (noz, GB, the campaign code used) and its credit.</summary>
public sealed record GrantClaimView(
    long Id,
    string Program,
    GrantWalletView Wallet,
    string? Code,
    string Noz,
    string? Gb,
    DateTimeOffset ClaimedAt,
    GrantCreditView Credit);
