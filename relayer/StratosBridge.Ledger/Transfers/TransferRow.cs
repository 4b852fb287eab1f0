using System.Numerics;

namespace StratosBridge.Ledger.Transfers;

/// <summary>A row of <c>transfers</c>. <see cref="Status"/> holds the wire name of a <c>TransferStatus</c>.</summary>
public sealed class TransferRow
{
    public long Id { get; set; }
    public long SourceEventId { get; set; }
    public required string SourceChain { get; set; }
    public required string DestChain { get; set; }
    public required string Sender { get; set; }
    public required string Recipient { get; set; }
    public BigInteger Amount { get; set; }
    public required string Status { get; set; }
    public DateTimeOffset StateSince { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTimeOffset? ClaimedUntil { get; set; }
    public string? LastError { get; set; }
    public long? OutgoingTxId { get; set; }
    public string? DelayReason { get; set; }
    public DateTimeOffset? DelayedUntil { get; set; }
    public string? GovernorReleasedBy { get; set; }
    public decimal? GovernedUsd { get; set; }
    public DateTimeOffset? GovernedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
