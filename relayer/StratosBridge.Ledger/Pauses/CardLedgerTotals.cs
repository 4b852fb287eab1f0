namespace StratosBridge.Ledger.Pauses;

/// <summary>
/// The ledger's side of card reconciliation, in USD cents: the card payments recorded (chain <c>card</c>), and the paid
/// checkouts that rightly have none: <see cref="Held"/> (paid while the account was on hold), <see cref="ReversedUnrecorded"/>
/// (refunded or disputed before fulfilment recorded the payment) and <see cref="Awaiting"/> (sessions the card processor
/// reports paid whose checkout the ledger still has unfulfilled, within the grace after it expired: a webhook on its way).
/// <see cref="Missing"/>: sessions the processor reports paid that the ledger accounts nothing for; <see cref="Unknown"/>: card
/// payments whose session the processor does not report paid (a few of each, for the note).
/// </summary>
public sealed record CardLedgerTotals(long PaymentCount, long Payments, long HeldCount, long Held, long ReversedCount, long ReversedUnrecorded,
    long AwaitingCount, long Awaiting, IReadOnlyList<string> Missing, IReadOnlyList<string> Unknown)
{
    /// <summary>What the ledger accounts for.</summary>
    public long Accounted => Payments + Held + ReversedUnrecorded + Awaiting;
}
