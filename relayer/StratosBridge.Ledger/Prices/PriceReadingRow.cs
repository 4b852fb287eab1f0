namespace StratosBridge.Ledger.Prices;

/// <summary>What one source last said about one asset: its last good value (and when it was observed), its last error since.</summary>
public sealed record PriceReadingRow(string Source, string Asset, decimal? Price, DateTimeOffset? ObservedAt, string? Error, DateTimeOffset? ErrorAt);
