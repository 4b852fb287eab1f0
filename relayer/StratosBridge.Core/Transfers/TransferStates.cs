using StratosBridge.Core.States;

namespace StratosBridge.Core.Transfers;

/// <summary>The transfer state machine: <c>pending → finalized → submitted → completed</c>, with <c>orphaned</c> and <c>failed</c>.</summary>
public static class TransferStates
{
    public static readonly StateMachine<TransferStatus> Machine = new("transfer", new Dictionary<TransferStatus, TransferStatus[]>
    {
        // seen again in a new block before finality; final (or failed at once: its destination is not configured); reorged away
        [TransferStatus.Pending] = [TransferStatus.Pending, TransferStatus.Finalized, TransferStatus.Failed, TransferStatus.Orphaned],
        // signed into a batch; released by another batch; parked
        [TransferStatus.Finalized] = [TransferStatus.Submitted, TransferStatus.Completed, TransferStatus.Failed],
        // its transaction replaced (fee bump); released; back to be relayed again; parked
        [TransferStatus.Submitted] = [TransferStatus.Submitted, TransferStatus.Completed, TransferStatus.Finalized, TransferStatus.Failed],
        [TransferStatus.Orphaned] = [TransferStatus.Pending], // the same log seen again in a new block after a reorg
        [TransferStatus.Completed] = [],
        [TransferStatus.Failed] = [TransferStatus.Finalized], // an operator retries it
    });
}
