namespace StratosBridge.Api.Grants;

/// <summary><c>POST /v1/grants/{program}/challenges</c>: the wallet that will claim (<c>st1…</c> or <c>0x…</c>).</summary>
public sealed record GrantChallengeRequest(string? Wallet);
