using StratosBridge.Core.States;

namespace StratosBridge.Core.Checkouts;

/// <summary>The checkout state machine.</summary>
public static class CheckoutStates
{
    public static readonly StateMachine<CheckoutStatus> Machine = new("checkout", new Dictionary<CheckoutStatus, CheckoutStatus[]>
    {
        // a session found at Stripe by its quote may already be decided when we first see it
        [CheckoutStatus.Creating] =
        [
            CheckoutStatus.Open, CheckoutStatus.Abandoned, CheckoutStatus.Paid, CheckoutStatus.Held, CheckoutStatus.Reversed,
            CheckoutStatus.Expired, CheckoutStatus.Failed,
        ],
        [CheckoutStatus.Open] = [CheckoutStatus.Paid, CheckoutStatus.Held, CheckoutStatus.Reversed, CheckoutStatus.Expired, CheckoutStatus.Failed],
        [CheckoutStatus.Held] = [CheckoutStatus.Paid, CheckoutStatus.Reversed],
        [CheckoutStatus.Failed] = [CheckoutStatus.Paid, CheckoutStatus.Held, CheckoutStatus.Reversed], // Stripe reported it paid after all
        // refunded in full before its credit's prepay was signed: the credit is cancelled, nothing was delivered
        [CheckoutStatus.Paid] = [CheckoutStatus.Reversed],
        [CheckoutStatus.Reversed] = [],
        [CheckoutStatus.Expired] = [],
        // Stripe created the session after all (its call outlasted Fiat:CreatingTimeout, or the process stopped): it opens
        [CheckoutStatus.Abandoned] = [CheckoutStatus.Open],
    });
}
