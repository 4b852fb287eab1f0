namespace StratosBridge.Ledger.OutgoingTxs;

/// <summary>A signed destination transaction, persisted before broadcast so a retry re-sends the same bytes.</summary>
public sealed class OutgoingTxRow
{
    public long Id { get; set; }
    public required string Chain { get; set; }
    public required string Signer { get; set; }
    public long Nonce { get; set; }
    public required byte[] RawTx { get; set; }
    public required string TxHash { get; set; }
    public required string Purpose { get; set; }
    public string Status { get; set; } = "signed";
    public long? ReplacesId { get; set; }
    public long? BlockNumber { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? BroadcastAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>How many times a node refused these bytes (insufficient funds, an unclassified refusal): the back-off doubles.</summary>
    public int Refusals { get; set; }

    /// <summary>When a refused row is sent again; null when it is not backing off.</summary>
    public DateTimeOffset? RetryAt { get; set; }
}
