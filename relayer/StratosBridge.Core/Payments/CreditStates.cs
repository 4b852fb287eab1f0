using StratosBridge.Core.States;

namespace StratosBridge.Core.Payments;

/// <summary>The credit state machine.</summary>
public static class CreditStates
{
    public static readonly StateMachine<CreditStatus> Machine = new("credit", new Dictionary<CreditStatus, CreditStatus[]>
    {
        [CreditStatus.Ready] = [CreditStatus.Submitted, CreditStatus.Failed],
        // its transaction replaced (fee bump); executed; back to ready after a revert
        [CreditStatus.Submitted] = [CreditStatus.Submitted, CreditStatus.Completed, CreditStatus.Ready],
        [CreditStatus.Completed] = [],
        [CreditStatus.Failed] = [],
    });
}
