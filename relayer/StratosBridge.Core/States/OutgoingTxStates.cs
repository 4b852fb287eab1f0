namespace StratosBridge.Core.States;

/// <summary>STAND-IN (see <see cref="StateMachine{TState}"/>): an outgoing transaction's machine.</summary>
public static class OutgoingTxStates
{
    public static readonly StateMachine<OutgoingTxStatus> Machine = new("outgoing-tx",
    [
        (OutgoingTxStatus.Signed, OutgoingTxStatus.Broadcast),
        (OutgoingTxStatus.Signed, OutgoingTxStatus.Mined),
        (OutgoingTxStatus.Signed, OutgoingTxStatus.Reverted),
        (OutgoingTxStatus.Signed, OutgoingTxStatus.Replaced),
        (OutgoingTxStatus.Signed, OutgoingTxStatus.Dropped),
        (OutgoingTxStatus.Broadcast, OutgoingTxStatus.Mined),
        (OutgoingTxStatus.Broadcast, OutgoingTxStatus.Reverted),
        (OutgoingTxStatus.Broadcast, OutgoingTxStatus.Replaced),
        (OutgoingTxStatus.Broadcast, OutgoingTxStatus.Dropped),
        // an earlier version of a nonce can still be the one mined
        (OutgoingTxStatus.Replaced, OutgoingTxStatus.Mined),
        (OutgoingTxStatus.Replaced, OutgoingTxStatus.Reverted),
    ], [OutgoingTxStatus.Mined, OutgoingTxStatus.Reverted, OutgoingTxStatus.Dropped]);
}
