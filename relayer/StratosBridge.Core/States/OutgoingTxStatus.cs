namespace StratosBridge.Core.States;

/// <summary>STAND-IN (see <see cref="StateMachine{TState}"/>): an outgoing transaction's states.</summary>
public enum OutgoingTxStatus
{
    Signed,
    Broadcast,
    Mined,
    Reverted,
    Replaced,
    Dropped,
}
