namespace StratosBridge.Core.Pauses;

/// <summary>Who put a pause in place: an operator, the on-chain pause watch (a contract paused on-chain), or reconciliation (a breach).</summary>
public enum PauseOrigin
{
    Operator,
    OnChain,
    Reconciliation,
}
