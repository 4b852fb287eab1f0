using StratosBridge.Core.States;

namespace StratosBridge.Core.Payments;

/// <summary>The payment state machine.</summary>
public static class PaymentStates
{
    public static readonly StateMachine<PaymentStatus> Machine = new("payment", new Dictionary<PaymentStatus, PaymentStatus[]>
    {
        [PaymentStatus.Pending] = [PaymentStatus.Pending, PaymentStatus.Final, PaymentStatus.Orphaned],
        [PaymentStatus.Final] = [PaymentStatus.Matched, PaymentStatus.Unmatched],
        [PaymentStatus.Orphaned] = [PaymentStatus.Pending],
        [PaymentStatus.Matched] = [],
        [PaymentStatus.Unmatched] = [],
    });
}
