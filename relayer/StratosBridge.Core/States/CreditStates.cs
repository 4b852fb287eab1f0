namespace StratosBridge.Core.States;

/// <summary>STAND-IN (see <see cref="StateMachine{TState}"/>): a credit's machine.</summary>
public static class CreditStates
{
    public static readonly StateMachine<CreditStatus> Machine = new("credit",
    [
        (CreditStatus.Ready, CreditStatus.Submitted),
        (CreditStatus.Ready, CreditStatus.Failed),
        (CreditStatus.Submitted, CreditStatus.Completed),
        (CreditStatus.Submitted, CreditStatus.Ready),
        // a prepay that succeeded unclassified, or whose nonce another transaction took: a person decides
        (CreditStatus.Submitted, CreditStatus.NeedsOperator),
        // operators: settle naming a mined prepay of ours, or retry (a new prepay)
        (CreditStatus.NeedsOperator, CreditStatus.Completed),
        (CreditStatus.NeedsOperator, CreditStatus.Ready),
        (CreditStatus.Ready, CreditStatus.Completed),
        (CreditStatus.Failed, CreditStatus.Completed),
        (CreditStatus.Failed, CreditStatus.Ready),
    ], [CreditStatus.Completed]);
}
