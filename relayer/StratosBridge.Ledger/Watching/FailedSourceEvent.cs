namespace StratosBridge.Ledger.Watching;

/// <summary>
/// A source event recorded as <c>failed</c>: a log of a watched contract that did not decode. <see cref="RawLogJson"/> is
/// the log as the node returned it; <see cref="Failure"/> says why it failed.
/// </summary>
public sealed record FailedSourceEvent(
    long Id,
    string Chain,
    string TxHash,
    string SourceRef,
    string Kind,
    long? BlockNumber,
    string? BlockHash,
    string RawLogJson,
    string Failure,
    DateTimeOffset ObservedAt);
