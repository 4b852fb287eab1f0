using StratosBridge.Ledger.OutgoingTxs;

namespace StratosBridge.Ledger.Relaying;

/// <summary>
/// The outcome of persisting a signed batch: its row; or nothing, because a transfer was no longer claimed by the worker
/// (<see cref="WindowUsedUsd"/> null), or because the batch would take its source chain's governor window over the limit
/// (<see cref="WindowUsedUsd"/>: what the window held without this batch, read under the window's lock).
/// </summary>
public sealed record PersistedBatch(OutgoingTxRow? Row, decimal? WindowUsedUsd);
