namespace StratosBridge.Api.Grants;

/// <summary>
/// <c>POST /v1/grants/{program}/claims</c>: the wallet, the challenge it was given, the challenge's message signed by the
/// wallet (EIP-191 <c>personal_sign</c>, 0x + 65 bytes), a campaign code if any, and a proof for the claim gate if one is
/// configured (captcha token, work nonce).
/// </summary>
public sealed record GrantClaimRequest(string? Wallet, string? ChallengeId, string? Signature, string? Code, string? Proof);
