namespace StratosBridge.Ledger.Relaying;

/// <summary>A transfer riding on an outgoing transaction, with the release id the vault's events name it by.</summary>
public sealed record SubmittedRelease(long TransferId, string ReleaseId);
