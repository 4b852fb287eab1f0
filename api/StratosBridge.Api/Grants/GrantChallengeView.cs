namespace StratosBridge.Api.Grants;

/// <summary>
/// A challenge to sign: have the wallet sign <see cref="Message"/> exactly as given (<c>personal_sign</c>), then claim with
/// <see cref="ChallengeId"/> and the signature before <see cref="ExpiresAt"/>. It can be used once.
/// </summary>
public sealed record GrantChallengeView(Guid ChallengeId, string Program, GrantWalletView Wallet, string Message, DateTimeOffset ExpiresAt);
