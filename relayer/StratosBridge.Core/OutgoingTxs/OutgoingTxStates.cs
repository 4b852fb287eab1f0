using StratosBridge.Core.States;

namespace StratosBridge.Core.OutgoingTxs;

/// <summary>The outgoing transaction state machine.</summary>
public static class OutgoingTxStates
{
    private static readonly OutgoingTxStatus[] Settled =
        [OutgoingTxStatus.Mined, OutgoingTxStatus.Reverted, OutgoingTxStatus.Replaced, OutgoingTxStatus.Dropped];

    public static readonly StateMachine<OutgoingTxStatus> Machine = new("outgoing-tx", new Dictionary<OutgoingTxStatus, OutgoingTxStatus[]>
    {
        [OutgoingTxStatus.Signed] = [OutgoingTxStatus.Broadcast, .. Settled],
        [OutgoingTxStatus.Broadcast] = Settled,
        [OutgoingTxStatus.Mined] = [],
        [OutgoingTxStatus.Reverted] = [],
        // an earlier version of a nonce, replaced (refused for its fees, or bumped), can still be the one mined
        [OutgoingTxStatus.Replaced] = [OutgoingTxStatus.Mined, OutgoingTxStatus.Reverted],
        [OutgoingTxStatus.Dropped] = [],
    });
}
