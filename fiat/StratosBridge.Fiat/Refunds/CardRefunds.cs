using System.Globalization;
using Microsoft.Extensions.Logging;
using Stripe;
using StratosBridge.Fiat.StripeApi;
using StratosBridge.Ledger.Fiat;

namespace StratosBridge.Fiat.Refunds;

/// <summary>What an operator's refund came to.</summary>
/// <param name="Failure">Why Stripe did not refund: it refused (<see cref="Transient"/> false: asking again will not help), or could not be asked.</param>
public sealed record CardRefundResult(RefundBegun Begun, CheckoutRow? Checkout, CheckoutRefundRow? Refund, Exception? Failure = null,
    bool Transient = false);

/// <summary>
/// Operators' refunds of card checkouts (full, or part of the charge): the refund is recorded with its Idempotency-Key
/// (<c>refund-{checkout}-{n}</c>) before Stripe is asked, and a request whose answer was lost is asked again with the same
/// key, so Stripe refunds once. What the refund does — a credit not yet signed cancelled or reduced, or after delivery a
/// reversal and a hold — comes with Stripe's <c>charge.refunded</c> event, exactly as for a refund made in the dashboard.
/// A plain method, called by the admin endpoint (or a job).
/// </summary>
public sealed class CardRefunds(CheckoutRefundStore refunds, RefundService stripe, ILogger<CardRefunds> logger)
{
    /// <summary>Stripe's reason for every operator refund; ours goes in the refund's metadata and our ledger.</summary>
    private const string StripeReason = "requested_by_customer";

    public async Task<CardRefundResult> RefundAsync(long checkoutId, long? amountCents, string reason, string operatorName, CancellationToken ct)
    {
        var (begun, checkout, refund) = await refunds.BeginAsync(checkoutId, amountCents, reason, operatorName, ct);
        if (begun is not (RefundBegun.New or RefundBegun.Resumed))
        {
            return new CardRefundResult(begun, checkout, refund);
        }
        var create = new RefundCreateOptions
        {
            PaymentIntent = checkout!.PaymentIntent,
            Amount = refund!.AmountCents,
            Reason = StripeReason,
            Metadata = new Dictionary<string, string>
            {
                ["checkout_id"] = checkoutId.ToString(CultureInfo.InvariantCulture),
                ["operator"] = Truncate(refund.Operator),
                ["reason"] = Truncate(refund.Reason),
            },
        };
        try
        {
            var made = await stripe.CreateAsync(create, new RequestOptions { IdempotencyKey = refund.IdempotencyKey }, ct);
            var settled = await refunds.SucceededAsync(refund.Id, made.Id, made.Amount, CancellationToken.None);
            logger.LogInformation("Checkout {Checkout} refunded by operator {Operator}: {Refund} of {Cents} cents ({Key})", checkoutId,
                refund.Operator, made.Id, made.Amount, refund.IdempotencyKey);
            return new CardRefundResult(begun, checkout, settled);
        }
        catch (Exception e) when (StripeFailures.IsStripeFailure(e) && !ct.IsCancellationRequested)
        {
            if (StripeFailures.IsTransient(e))
            {
                logger.LogWarning("Refund {Key} of checkout {Checkout}: Stripe could not be asked ({Message}); asking again resumes it with the same key",
                    refund.IdempotencyKey, checkoutId, e.Message);
                return new CardRefundResult(begun, checkout, refund, e, Transient: true);
            }
            var failed = await refunds.FailedAsync(refund.Id, e.Message, CancellationToken.None);
            logger.LogWarning("Refund {Key} of checkout {Checkout} refused by Stripe: {Message}", refund.IdempotencyKey, checkoutId, e.Message);
            return new CardRefundResult(begun, checkout, failed, e);
        }
    }

    /// <summary>Stripe's metadata values hold at most 500 characters.</summary>
    private static string Truncate(string value) => value.Length <= 500 ? value : value[..500];
}
