namespace StratosBridge.Core.States;

/// <summary>STAND-IN (see <see cref="StateMachine{TState}"/>): a credit's states.</summary>
public enum CreditStatus
{
    Ready,
    Submitted,
    Completed,
    Failed,
    NeedsOperator,
}
