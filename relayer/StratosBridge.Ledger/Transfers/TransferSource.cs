namespace StratosBridge.Ledger.Transfers;

/// <summary>
/// The source event a transfer came from, as the read model shows it: its natural key (<see cref="SourceRef"/> is the
/// log index for EVM logs), the block it was seen in and its own status (pending, finalized, orphaned).
/// </summary>
public sealed record TransferSource(string Chain, string TxHash, string SourceRef, long? BlockNumber, string? BlockHash, string Status);
