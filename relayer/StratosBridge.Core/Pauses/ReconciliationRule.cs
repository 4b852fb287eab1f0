namespace StratosBridge.Core.Pauses;

/// <summary>
/// When a reconciliation check passes, given its difference and the difference an operator accepted when clearing a breach.
/// <see cref="Exact"/>: while the difference is the accepted one (0 until an operator accepts another); any change is a new
/// breach (a conservation law: locked = released + open, payments = credits + unmatched, Stripe = the ledger).
/// <see cref="Shortfall"/>: the difference is a shortfall (never negative) and passes while it is at most the accepted one;
/// once it is back to 0 the acceptance lapses, so the next shortfall is a breach again (the relayer's float).
/// </summary>
public enum ReconciliationRule
{
    Exact,
    Shortfall,
}
