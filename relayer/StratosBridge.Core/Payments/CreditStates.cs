using StratosBridge.Core.States;

namespace StratosBridge.Core.Payments;

/// <summary>The credit state machine.</summary>
public static class CreditStates
{
    public static readonly StateMachine<CreditStatus> Machine = new("credit", new Dictionary<CreditStatus, CreditStatus[]>
    {
        // signed; refused for good; settled by an operator (e.g. a prepay made before a restored backup); its card payment
        // refunded before the prepay was signed: in part (it stays ready, for the rest) or in full (cancelled)
        [CreditStatus.Ready] = [CreditStatus.Submitted, CreditStatus.Failed, CreditStatus.Completed, CreditStatus.Ready, CreditStatus.Cancelled],
        // its transaction replaced (fee bump); executed; back to ready after a revert (nothing bought); parked when its
        // transaction succeeded unclassified or its nonce was taken (never redone without a person)
        [CreditStatus.Submitted] = [CreditStatus.Submitted, CreditStatus.Completed, CreditStatus.Ready, CreditStatus.NeedsOperator],
        [CreditStatus.Completed] = [],
        // an operator settles it (naming a mined prepay of ours) or retries it (a new prepay)
        [CreditStatus.Failed] = [CreditStatus.Completed, CreditStatus.Ready],
        [CreditStatus.NeedsOperator] = [CreditStatus.Completed, CreditStatus.Ready],
        [CreditStatus.Cancelled] = [],
    });
}
