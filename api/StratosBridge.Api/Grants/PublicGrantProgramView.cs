namespace StratosBridge.Api.Grants;

/// <summary>
/// A program as a wallet's owner sees it: what one claim gives (noz, and GB at the service's display rate), when it is
/// open, whether only allow-listed wallets may claim, and whether today's budget still has room for a claim.
/// </summary>
public sealed record PublicGrantProgramView(
    string Id,
    string Name,
    bool Open,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string NozPerClaim,
    string? GbPerClaim,
    bool AllowListOnly,
    bool ClaimableToday);
