namespace StratosBridge.Ledger.Fiat;

/// <summary>
/// Money moved back after a card payment, as a Stripe event reports it. <see cref="Kind"/>: <c>refund</c>
/// (<see cref="AmountCents"/> is the charge's cumulative <c>amount_refunded</c>, <see cref="StripeRef"/> the charge id),
/// <c>dispute</c> or <c>dispute-won</c> (<see cref="StripeRef"/> the dispute id, <see cref="AmountCents"/> its amount).
/// </summary>
public sealed record CardReversal(string Kind, string StripeRef, string PaymentIntent, string? ChargeId, long AmountCents, string? EventId,
    DateTimeOffset OccurredAt);

/// <summary>What recording a <see cref="CardReversal"/> did.</summary>
public enum ReversalOutcome
{
    /// <summary>Recorded before (the same event again, or an older refund total).</summary>
    Duplicate,
    /// <summary>Recorded; no checkout has this PaymentIntent yet. Fulfilment will see it and not credit.</summary>
    Unlinked,
    /// <summary>Recorded; the checkout was not credited: it never will be (reversed).</summary>
    BeforeCredit,
    /// <summary>Recorded after the Ozone was credited: a reversal entry, and the account is on hold.</summary>
    AccountOnHold,
    /// <summary>A dispute won: its reversal is undone; the account is active unless other reversals are open.</summary>
    Reinstated,
    /// <summary>Recorded; nothing to change (e.g. a dispute won that had not reversed anything).</summary>
    Recorded,
    /// <summary>A refund in full before the credit's prepay was signed: the credit is cancelled, the checkout reversed, no hold.</summary>
    CreditCancelled,
    /// <summary>A partial refund before the credit's prepay was signed: the credit is for the money kept, no hold.</summary>
    CreditReduced,
}
