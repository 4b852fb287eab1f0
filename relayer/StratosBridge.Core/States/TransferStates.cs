using StratosBridge.Core.Transfers;

namespace StratosBridge.Core.States;

/// <summary>STAND-IN (see <see cref="StateMachine{TState}"/>): a transfer's machine (the moves this branch uses).</summary>
public static class TransferStates
{
    public static readonly StateMachine<TransferStatus> Machine = new("transfer",
    [
        (TransferStatus.Pending, TransferStatus.Finalized),
        (TransferStatus.Pending, TransferStatus.Orphaned),
        (TransferStatus.Orphaned, TransferStatus.Pending),
        (TransferStatus.Finalized, TransferStatus.Submitted),
        (TransferStatus.Finalized, TransferStatus.Failed),
        (TransferStatus.Submitted, TransferStatus.Completed),
        (TransferStatus.Submitted, TransferStatus.Finalized),
    ], [TransferStatus.Completed]);
}
