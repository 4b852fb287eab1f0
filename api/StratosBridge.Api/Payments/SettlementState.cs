using StratosBridge.Core.Quotes;
using StratosBridge.Ledger.Payments;
using StratosBridge.Ledger.Quotes;

namespace StratosBridge.Api.Payments;

/// <summary>
/// The one word a wallet or a payment page shows for a quote, from its payments and credits. The first that applies wins:
/// <list type="number">
/// <item><c>credited</c>: the credit is completed: the Ozone was bought for the beneficiary;</item>
/// <item><c>crediting</c>: the credit is queued or its prepay is in flight on Stratos (also while it retries, and while an
/// operator checks a prepay the service could not classify: the credit is <c>needs-operator</c>);</item>
/// <item><c>credit-failed</c>: the prepay was refused for good; operators decide;</item>
/// <item><c>refunded</c>: the card payment was refunded in full before its prepay was signed: the credit is cancelled;</item>
/// <item><c>crediting</c>: a payment is final and about to be matched (a late one may wait for a price);</item>
/// <item><c>payment-pending-finality</c>: a payment was seen and its block is not final yet (the payment shows confirmations and an ETA);</item>
/// <item><c>unmatched</c>: every payment seen was unmatched (wrong chain or beneficiary, after the monitoring window, a
/// duplicate, too small, …): nothing is credited automatically; operators decide (refund or credit by hand);</item>
/// <item><c>expired</c>: no payment, and the quote's rates expired (a payment that still arrives inside the monitoring
/// window is credited, re-priced at the rates of then);</item>
/// <item><c>awaiting-payment</c>: no payment yet, the quote is open.</item>
/// </list>
/// Orphaned payments (their block was reorganised away) count as not seen. A second payment of a paid quote is a
/// <c>duplicate</c> (unmatched) and does not change the state.
/// </summary>
public static class SettlementState
{
    public const string AwaitingPayment = "awaiting-payment";
    public const string Expired = "expired";
    public const string PaymentPendingFinality = "payment-pending-finality";
    public const string Crediting = "crediting";
    public const string Credited = "credited";
    public const string CreditFailed = "credit-failed";
    public const string Unmatched = "unmatched";
    public const string Refunded = "refunded";

    public static string Of(QuoteRow quote, IReadOnlyList<PaymentRow> payments, IReadOnlyList<CreditRow> credits)
    {
        if (credits.Any(c => c.Status == "completed"))
        {
            return Credited;
        }
        if (credits.Any(c => c.Status is "ready" or "submitted" or "needs-operator"))
        {
            return Crediting;
        }
        if (credits.Any(c => c.Status == "failed"))
        {
            return CreditFailed;
        }
        if (credits.Count > 0 && credits.All(c => c.Status == "cancelled"))
        {
            return Refunded;
        }
        if (payments.Any(p => p.Status is "final" or "matched"))
        {
            return Crediting;
        }
        if (payments.Any(p => p.Status == "pending"))
        {
            return PaymentPendingFinality;
        }
        if (payments.Any(p => p.Status == "unmatched"))
        {
            return Unmatched;
        }
        return quote.Status == QuoteStatus.Expired ? Expired : AwaitingPayment;
    }
}
