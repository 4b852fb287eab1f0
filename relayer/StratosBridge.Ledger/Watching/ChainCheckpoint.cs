namespace StratosBridge.Ledger.Watching;

/// <summary>A block a watcher has scanned up to, with the hash it had then.</summary>
public sealed record ChainCheckpoint(long BlockNumber, string BlockHash);
