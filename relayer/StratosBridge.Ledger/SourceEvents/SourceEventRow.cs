namespace StratosBridge.Ledger.SourceEvents;

/// <summary>A row of <c>source_events</c>: one outside input under its natural key (chain, tx hash, source ref).</summary>
public sealed class SourceEventRow
{
    public long Id { get; set; }
    public required string Chain { get; set; }
    public required string TxHash { get; set; }
    public required string SourceRef { get; set; }
    public required string Kind { get; set; }
    public long? BlockNumber { get; set; }
    public string? BlockHash { get; set; }
    public required string Payload { get; set; }
    public string Status { get; set; } = "pending";
    public DateTimeOffset ObservedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
