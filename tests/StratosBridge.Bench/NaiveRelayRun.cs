namespace StratosBridge.Bench;

/// <summary>
/// A naive relay's run: how long it took, when each release's receipt came (from the start, when all were final and
/// waiting; ascending) and each transaction's round trip (sorted).
/// </summary>
public sealed record NaiveRelayRun(TimeSpan Elapsed, IReadOnlyList<TimeSpan> ReceiptsSinceStart, IReadOnlyList<TimeSpan> RoundTrips);
