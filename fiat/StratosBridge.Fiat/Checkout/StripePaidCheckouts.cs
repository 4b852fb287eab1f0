using Stripe.Checkout;
using StratosBridge.Core.Pauses;
using StratosBridge.Fiat.StripeApi;

namespace StratosBridge.Fiat.Checkout;

/// <summary>
/// What Stripe reports paid for our checkouts, for card reconciliation: every Checkout Session listed through Stripe.net
/// (<c>GET /v1/checkout/sessions?status=complete</c>, <see cref="PageSize"/> a page, all pages) that is <c>paid</c> and
/// carries our metadata (<see cref="CardCheckout.QuoteKey"/> and <see cref="CardCheckout.AccountKey"/>: sessions of other
/// integrations on the same Stripe account are not ours), with its <c>amount_total</c> (USD cents: our checkouts charge USD).
/// A refund or a dispute does not change a session: it stays paid, as its ledger payment stays recorded. Each run lists the
/// account's whole history of completed sessions (one request per 100).
/// </summary>
public sealed class StripePaidCheckouts(SessionService sessions, int pageSize = StripePaidCheckouts.PageSize) : IPaidCheckouts
{
    /// <summary>Sessions per list request: Stripe's largest page.</summary>
    public const int PageSize = 100;

    public async Task<IReadOnlyDictionary<string, long>> PaidAsync(CancellationToken ct)
    {
        var paid = new Dictionary<string, long>(StringComparer.Ordinal);
        try
        {
            await foreach (var session in sessions.ListAutoPagingAsync(new SessionListOptions { Status = "complete", Limit = pageSize },
                               cancellationToken: ct))
            {
                if (session.PaymentStatus == "paid" && session.Metadata is { } metadata
                    && metadata.ContainsKey(CardCheckout.QuoteKey) && metadata.ContainsKey(CardCheckout.AccountKey))
                {
                    paid[session.Id] = session.AmountTotal ?? 0;
                }
            }
        }
        catch (Exception e) when (StripeFailures.IsStripeFailure(e) && !ct.IsCancellationRequested)
        {
            throw new CardProcessorUnavailableException($"Stripe could not list the Checkout Sessions: {e.Message}", e);
        }
        return paid;
    }
}
