namespace StratosBridge.Ledger.Transfers;

/// <summary>A transfer the sweeper put back in the queue, and how long it had been in its state.</summary>
public sealed record RequeuedTransfer(long Id, string Status, TimeSpan InState);
