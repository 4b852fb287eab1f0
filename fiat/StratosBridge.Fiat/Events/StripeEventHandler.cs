using Microsoft.Extensions.Logging;
using Stripe;
using StratosBridge.Fiat.Checkout;
using StratosBridge.Fiat.StripeApi;
using StratosBridge.Ledger.Fiat;

namespace StratosBridge.Fiat.Events;

/// <summary>
/// What each Stripe event does. Checkout Session events fulfil the session (re-retrieved from Stripe, so the outcome
/// depends on the session's state, never on the event's order or count); an async payment that failed marks the checkout
/// failed; refunds and disputes go to <see cref="CardReversalStore"/>. Other types are ignored.
/// </summary>
public sealed class StripeEventHandler(CardCheckout checkout, CheckoutStore checkouts, CardReversalStore reversals,
    ILogger<StripeEventHandler> logger)
{
    public static readonly IReadOnlySet<string> Handled = new HashSet<string>
    {
        "checkout.session.completed", "checkout.session.async_payment_succeeded", "checkout.session.async_payment_failed",
        "checkout.session.expired", "charge.refunded", "charge.dispute.created", "charge.dispute.closed",
    };

    /// <summary>Handles one event; returns (handled, what was done). Throws when it should be retried (Stripe or the ledger unavailable).</summary>
    public async Task<(bool Handled, string Note)> HandleAsync(StripeEventRow e, CancellationToken ct)
    {
        if (!Handled.Contains(e.Type))
        {
            return (false, $"{e.Type} is not an event this service acts on");
        }
        if (!StripeWebhookVerifier.IsOurApiVersion(e.PayloadJson, out var why))
        {
            // recorded before an upgrade of Stripe.net: its objects would be misread, and trying again changes nothing
            throw new StripeApiVersionException(why!);
        }
        var stripeEvent = EventUtility.ParseEvent(e.PayloadJson, throwOnApiVersionMismatch: false);
        switch (stripeEvent.Data.Object)
        {
            case Charge charge when e.Type == "charge.refunded":
                return await ReverseAsync(e, new CardReversal("refund", charge.Id, charge.PaymentIntentId ?? "", charge.Id,
                    charge.AmountRefunded, e.Id, e.Created), ct);
            case Dispute dispute when e.Type == "charge.dispute.created":
                return await ReverseAsync(e, new CardReversal("dispute", dispute.Id, dispute.PaymentIntentId ?? "", dispute.ChargeId,
                    dispute.Amount, e.Id, e.Created), ct);
            case Dispute dispute when e.Type == "charge.dispute.closed":
                if (dispute.Status != "won")
                {
                    return (true, $"dispute {dispute.Id} closed {dispute.Status}: a hold it caused stays until an operator resolves it");
                }
                return await ReverseAsync(e, new CardReversal("dispute-won", dispute.Id, dispute.PaymentIntentId ?? "", dispute.ChargeId,
                    dispute.Amount, e.Id, e.Created), ct);
            case Stripe.Checkout.Session session when e.Type.StartsWith("checkout.session.", StringComparison.Ordinal):
                return await FulfilAsync(e, session.Id, ct);
            default:
                throw new FormatException($"{e.Type} {e.Id} carries a {stripeEvent.Data.Object?.GetType().Name ?? "nothing"}, not the object of its type");
        }
    }

    private async Task<(bool, string)> FulfilAsync(StripeEventRow e, string objectId, CancellationToken ct)
    {
        var (outcome, row) = await checkout.FulfilAsync(objectId, ct);
        if (e.Type == "checkout.session.async_payment_failed" && outcome == FulfilmentOutcome.AwaitingPayment)
        {
            await checkouts.MarkFailedAsync(objectId, "the async payment failed (checkout.session.async_payment_failed)", ct);
            outcome = FulfilmentOutcome.Failed;
        }
        return (true, $"session {objectId}: {outcome}" + (row is null ? " (no checkout of ours)" : $" (checkout {row.Id}, {row.Status})"));
    }

    private async Task<(bool, string)> ReverseAsync(StripeEventRow e, CardReversal reversal, CancellationToken ct)
    {
        if (reversal.PaymentIntent.Length == 0)
        {
            return (false, $"{e.Type} {reversal.StripeRef} names no payment_intent: it is not a Checkout payment of this service");
        }
        var (outcome, account) = await reversals.RecordAsync(reversal, ct);
        if (outcome == ReversalOutcome.AccountOnHold)
        {
            logger.LogWarning("ALARM: account {Account} is on hold: {Kind} {Ref} ({Cents} cents) after its Ozone was credited",
                account, reversal.Kind, reversal.StripeRef, reversal.AmountCents);
        }
        return (true, $"{reversal.Kind} {reversal.StripeRef} of {reversal.PaymentIntent}: {outcome}" + (account is null ? "" : $" (account {account})"));
    }
}
