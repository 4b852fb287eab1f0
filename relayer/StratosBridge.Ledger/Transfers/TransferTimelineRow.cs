namespace StratosBridge.Ledger.Transfers;

/// <summary>One step of a transfer's history, as the API shows it.</summary>
public sealed class TransferTimelineRow
{
    public long Id { get; set; }
    public long TransferId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Status { get; set; }
    public string? Chain { get; set; }
    public string? TxHash { get; set; }
    public required string Actor { get; set; }
    public string? Note { get; set; }
}
