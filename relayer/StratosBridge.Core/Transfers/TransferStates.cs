using StratosBridge.Core.States;

namespace StratosBridge.Core.Transfers;

/// <summary>
/// The transfer state machine: <c>pending → finalized → submitted → completed</c>, with <c>orphaned</c> and <c>failed</c>, the
/// governor's <c>finalized → delayed → finalized</c> (held back by a USD limit, released when its time comes or by an operator),
/// and the refund path of a failed transfer: <c>failed → cancelling → refunding → refunded</c>.
/// </summary>
public static class TransferStates
{
    public static readonly StateMachine<TransferStatus> Machine = new("transfer", new Dictionary<TransferStatus, TransferStatus[]>
    {
        // seen again in a new block before finality; final (or failed at once: its destination is not configured); reorged away
        [TransferStatus.Pending] = [TransferStatus.Pending, TransferStatus.Finalized, TransferStatus.Failed, TransferStatus.Orphaned],
        // signed into a batch; released by another batch; parked; held back by the governor
        [TransferStatus.Finalized] = [TransferStatus.Submitted, TransferStatus.Completed, TransferStatus.Failed, TransferStatus.Delayed],
        // released (its time came, or an operator released it); extended or held indefinitely by an operator
        [TransferStatus.Delayed] = [TransferStatus.Finalized, TransferStatus.Delayed],
        // its transaction replaced (fee bump); released; back to be relayed again; parked
        [TransferStatus.Submitted] = [TransferStatus.Submitted, TransferStatus.Completed, TransferStatus.Finalized, TransferStatus.Failed],
        [TransferStatus.Orphaned] = [TransferStatus.Pending], // the same log seen again in a new block after a reorg
        [TransferStatus.Completed] = [],
        [TransferStatus.Failed] = [TransferStatus.Finalized, TransferStatus.Cancelling], // an operator retries it, or refunds it
        // the cancel is signed again (a taken nonce, a revert); final on the destination; the vault had released it after all;
        // the vault had used its id with other content (an ALARM)
        [TransferStatus.Cancelling] = [TransferStatus.Cancelling, TransferStatus.Refunding, TransferStatus.Completed, TransferStatus.Failed],
        [TransferStatus.Refunding] = [TransferStatus.Refunding, TransferStatus.Refunded], // signed again; final on the source
        [TransferStatus.Refunded] = [],
    });
}
