namespace StratosBridge.Ledger.Watching;

/// <summary>
/// A log from a watched contract that the watcher could not decode (<see cref="Kind"/>: what it should have been,
/// <c>locked</c> or <c>ozone-paid</c>). It is recorded as a <c>failed</c> source event under the log's natural key, with
/// the raw log as <see cref="RawLogJson"/> and <see cref="Reason"/>, in the same transaction as its range's checkpoint:
/// the scan moves on, and the log stays visible to operators and to the transfer API.
/// </summary>
public sealed record UndecodedLog(
    string TxHash,
    int LogIndex,
    long BlockNumber,
    string BlockHash,
    string Kind,
    string RawLogJson,
    string Reason);
