namespace StratosBridge.Ledger.Watching;

/// <summary>
/// Something a watcher saw from a watched contract or account that it cannot turn into a transfer or a payment: an EVM
/// log that does not decode (<see cref="SourceRef"/> = its log index, <see cref="Kind"/> = what it should have been,
/// <c>locked</c> or <c>ozone-paid</c>), or a Solana transaction carrying a quote's reference that is not a valid payment
/// (<see cref="SourceRef"/> = the reference, <see cref="Kind"/> <c>solana-pay</c>). It is recorded under its natural key
/// as a <c>failed</c> source event, with what the node returned as <see cref="RawJson"/> and <see cref="Reason"/>: the
/// scan moves on, and it stays visible to operators and to the transfer API.
/// </summary>
public sealed record FailedObservation(
    string TxHash,
    string SourceRef,
    long? BlockNumber,
    string? BlockHash,
    string Kind,
    string RawJson,
    string Reason);
