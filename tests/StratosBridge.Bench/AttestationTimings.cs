namespace StratosBridge.Bench;

/// <summary>
/// Per completed transfer, from source finality (its <c>finalized</c> timeline row) to its first attester signature and to
/// the threshold-th one (sorted), and the mean number of signatures a transfer got.
/// </summary>
public sealed record AttestationTimings(IReadOnlyList<TimeSpan> FirstSignature, IReadOnlyList<TimeSpan> ThresholdSignature, double SignaturesPerTransfer);
