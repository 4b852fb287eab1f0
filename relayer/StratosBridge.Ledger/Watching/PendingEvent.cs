namespace StratosBridge.Ledger.Watching;

/// <summary>A source event seen but not yet final: the block it was seen in.</summary>
public sealed record PendingEvent(long Id, long BlockNumber, string BlockHash);
