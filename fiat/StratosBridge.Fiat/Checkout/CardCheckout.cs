using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Checkout;
using StratosBridge.Fiat.StripeApi;
using StratosBridge.Ledger.Fiat;

namespace StratosBridge.Fiat.Checkout;

/// <summary>What creating a checkout came to: the open checkout, or why not.</summary>
/// <param name="StripeFailure">Why Stripe did not create the session (an error answer, or no answer after Stripe.net's retries).</param>
public sealed record CheckoutCreated(CheckoutRow? Checkout, CheckoutBegun? Refused, Exception? StripeFailure);

/// <summary>
/// Card checkouts: creates the Stripe Checkout Session for a USD quote (after the account's hold and monthly limit are
/// checked and the checkout is recorded with its Idempotency-Key), and fulfils sessions: the one function, keyed by the
/// session id, that the webhook's handler and the success redirect both call. It re-retrieves the session from Stripe
/// and lets the ledger (<see cref="CheckoutStore.FulfilAsync"/>) record the payment at most once, only when paid.
/// </summary>
public sealed class CardCheckout(CheckoutStore store, SessionService sessions, IOptions<FiatOptions> options, TimeProvider clock,
    ILogger<CardCheckout> logger)
{
    /// <summary>Metadata keys on the session (and its PaymentIntent).</summary>
    public const string QuoteKey = "quote_id";
    public const string AccountKey = "account_id";
    public const string WalletKey = "wallet";

    public async Task<CheckoutCreated> CreateAsync(long accountId, string walletHex, string quoteId, long amountCents, string? noz,
        string successUrl, string cancelUrl, DateTimeOffset expiresAt, CancellationToken ct)
    {
        var monthStart = CheckoutStore.MonthStart(clock.GetUtcNow());
        var key = $"stratosbridge-checkout-{quoteId}";
        var begun = await store.BeginAsync(new NewCheckout(accountId, quoteId, key, amountCents, successUrl, cancelUrl, expiresAt), monthStart, ct);
        if (begun.Checkout is not { } checkout)
        {
            logger.LogInformation("Checkout refused for account {Account}: {Refusal} ({Used} of {Limit} cents used this month, {Amount} asked)",
                accountId, begun.Refusal, begun.UsedCents, begun.LimitCents, amountCents);
            return new CheckoutCreated(null, begun, null);
        }
        var settings = options.Value;
        var metadata = new Dictionary<string, string>
        {
            [QuoteKey] = quoteId,
            [AccountKey] = accountId.ToString(CultureInfo.InvariantCulture),
            [WalletKey] = walletHex,
        };
        var description = noz is null ? "Ozone at the locked rate" : $"{noz} noz of Ozone for Stratos wallet {walletHex}";
        var create = new SessionCreateOptions
        {
            Mode = "payment",
            LineItems =
            [
                new SessionLineItemOptions
                {
                    PriceData = new SessionLineItemPriceDataOptions
                    {
                        Currency = "usd",
                        UnitAmount = amountCents,
                        ProductData = new SessionLineItemPriceDataProductDataOptions { Name = settings.ProductName, Description = description },
                    },
                    Quantity = 1,
                },
            ],
            SuccessUrl = settings.ReturnUrl,
            CancelUrl = cancelUrl,
            ClientReferenceId = quoteId,
            Metadata = metadata,
            PaymentIntentData = new SessionPaymentIntentDataOptions { Metadata = metadata }, // so charge, refund and dispute events carry it too
            ExpiresAt = expiresAt.UtcDateTime,
        };
        try
        {
            // the key was recorded with the checkout before this call: a retry (Stripe.net's, or of the whole request) reuses it
            var session = await sessions.CreateAsync(create, new RequestOptions { IdempotencyKey = checkout.IdempotencyKey }, ct);
            var opened = await store.OpenedAsync(checkout.Id, session.Id, session.Url, session.Status, ct);
            logger.LogInformation("Checkout {Checkout} opened for account {Account}: Stripe session {Session}, {Amount} cents, quote {Quote}",
                opened.Id, accountId, session.Id, amountCents, quoteId);
            return new CheckoutCreated(opened, null, null);
        }
        catch (Exception e) when (StripeFailures.IsStripeFailure(e) && !ct.IsCancellationRequested)
        {
            // the Idempotency-Key is spent on this checkout; a new request makes a new quote and a new key
            await store.AbandonAsync(checkout.Id, e.Message, CancellationToken.None);
            logger.LogWarning(e, "Checkout {Checkout} abandoned: Stripe did not create the session", checkout.Id);
            return new CheckoutCreated(null, null, e);
        }
    }

    /// <summary>Fulfils a Checkout Session: re-retrieves it from Stripe and records its payment once if it is paid.</summary>
    public async Task<(FulfilmentOutcome Outcome, CheckoutRow? Checkout)> FulfilAsync(string sessionId, CancellationToken ct)
    {
        var session = await sessions.GetAsync(sessionId, new SessionGetOptions { Expand = ["line_items"] }, cancellationToken: ct);
        var snapshot = new SessionSnapshot(session.Id, session.Status, session.PaymentStatus, session.AmountTotal, session.Currency,
            session.PaymentIntentId, session.Metadata?.GetValueOrDefault(QuoteKey), session.ToJson());
        if (session.PaymentStatus == "paid" && (session.Currency != "usd" || session.AmountTotal is not > 0))
        {
            throw new InvalidOperationException(
                $"Stripe session {session.Id} is paid in {session.Currency} {session.AmountTotal}: only positive USD amounts are card payments here");
        }
        var (outcome, checkout) = await store.FulfilAsync(snapshot, ct);
        logger.LogInformation("Fulfilment of {Session}: {Outcome} (status {Status}, payment {PaymentStatus}, checkout {Checkout})",
            sessionId, outcome, session.Status, session.PaymentStatus, checkout?.Id);
        return (outcome, checkout);
    }

    /// <summary>
    /// Fulfils again the account's checkouts paid while it was on hold (after an operator released the hold). A session
    /// Stripe cannot be asked about now stays held (logged); its next event or the next release fulfils it.
    /// </summary>
    public async Task<int> FulfilHeldAsync(long accountId, CancellationToken ct)
    {
        var credited = 0;
        foreach (var held in await store.InStatusAsync(accountId, "held", ct))
        {
            try
            {
                var (outcome, _) = await FulfilAsync(held.StripeSessionId!, ct);
                credited += outcome == FulfilmentOutcome.Credited ? 1 : 0;
            }
            catch (Exception e) when (StripeFailures.IsStripeFailure(e) && !ct.IsCancellationRequested)
            {
                logger.LogWarning("Held checkout {Checkout} stays held: Stripe could not be asked ({Message})", held.Id, e.Message);
            }
        }
        return credited;
    }
}
