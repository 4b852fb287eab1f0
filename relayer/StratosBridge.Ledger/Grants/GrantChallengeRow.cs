namespace StratosBridge.Ledger.Grants;

/// <summary>A one-time message a wallet signs to claim from a program.</summary>
public sealed record GrantChallengeRow(Guid Id, string ProgramId, string Wallet, string Message, DateTimeOffset ExpiresAt, DateTimeOffset? UsedAt);
