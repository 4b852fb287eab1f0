namespace StratosBridge.Core.Checkouts;

/// <summary>
/// Where a card checkout is: <c>creating</c> (recorded before the Stripe call) → <c>open</c> (the session exists) →
/// <c>paid</c> (a ledger payment was recorded); or <c>held</c> (paid while the account is on hold), <c>reversed</c> (the
/// money went back before crediting: before the payment was recorded, or before its credit's prepay was signed), <c>expired</c>, <c>failed</c> (async payment failed), <c>abandoned</c> (never created).
/// </summary>
public enum CheckoutStatus
{
    Creating,
    Open,
    Paid,
    Held,
    Reversed,
    Expired,
    Failed,
    Abandoned,
}
