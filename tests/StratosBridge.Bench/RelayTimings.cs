namespace StratosBridge.Bench;

/// <summary>
/// Per-transfer latencies from source finality to destination receipt (sorted), when the first and the last transfer
/// became final, and when the last receipt was recorded.
/// </summary>
public sealed record RelayTimings(IReadOnlyList<TimeSpan> Latencies, DateTimeOffset FirstFinal, DateTimeOffset LastFinal, DateTimeOffset LastReceipt);
