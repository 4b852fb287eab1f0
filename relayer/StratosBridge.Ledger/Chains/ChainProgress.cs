namespace StratosBridge.Ledger.Chains;

/// <summary>
/// How far the ledger has followed a chain: its head and finalized block and the watcher that last saw them
/// (<c>chain_heads</c>; all null before any watcher ran), and the highest checkpointed block (<c>chain_checkpoints</c>).
/// </summary>
public sealed record ChainProgress(string Chain, long? Head, long? Finalized, long? Checkpoint, string? WatcherInstance,
    DateTimeOffset? SeenAt);
