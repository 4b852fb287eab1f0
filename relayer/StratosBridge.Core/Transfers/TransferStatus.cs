namespace StratosBridge.Core.Transfers;

/// <summary>
/// Where a transfer is: <c>pending → finalized → submitted → completed</c>, with the side states
/// <c>orphaned</c> (its source block was reorganised away), <c>failed</c> (parked with a reason) and <c>delayed</c> (held back
/// by the governor: over its source chain's single-transfer threshold or 24 h USD limit, until a release time), and the refund path an
/// operator starts for a failed one: <c>cancelling</c> (the destination vault is asked to mark the lock's id used, paying
/// nothing) → <c>refunding</c> (the cancel is final; the source vault pays the sender back) → <c>refunded</c>.
/// </summary>
public enum TransferStatus
{
    Pending,
    Finalized,
    Delayed,
    Submitted,
    Completed,
    Orphaned,
    Failed,
    Cancelling,
    Refunding,
    Refunded,
}
