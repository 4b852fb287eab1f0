using Microsoft.Extensions.Options;
using StratosBridge.Api.Paging;
using StratosBridge.Chains.Evm;
using StratosBridge.Core.Payments;
using StratosBridge.Ledger.Chains;
using StratosBridge.Ledger.Payments;
using StratosBridge.Ledger.Quotes;
using StratosBridge.Ledger.States;
using StratosBridge.Relayer.Configuration;

namespace StratosBridge.Api.Payments;

/// <summary>
/// Reads payments and credits for the API: a quote's settlement, payments by status (operators), a wallet's credits. Each
/// payment comes with its credit and its chain's progress, read once per page.
/// </summary>
public sealed class PaymentReader(PaymentStore payments, CreditStore credits, ChainProgressQueries progress, TimelineQueries timelines,
    IOptions<ChainsOptions> chains)
{
    /// <summary>The statuses a payment can be in (<see cref="PaymentStates.Machine"/>).</summary>
    public static readonly IReadOnlyList<string> Statuses = PaymentStates.Machine.Wires;

    /// <summary>The settlement of a quote nothing can have paid yet (just created).</summary>
    public static SettlementView Unpaid(QuoteRow quote) => new(SettlementState.Of(quote, [], []), []);

    public async Task<SettlementView> SettlementAsync(QuoteRow quote, CancellationToken ct)
    {
        var seen = await payments.ForQuoteAsync(quote.Id, ct);
        var earned = seen.Count == 0 ? [] : await credits.ForQuoteAsync(quote.Id, ct);
        return new SettlementView(SettlementState.Of(quote, seen, earned), await PresentAsync(seen, earned, ct));
    }

    /// <param name="status">One of <see cref="Statuses"/>.</param>
    public async Task<PaymentPage> InStatusAsync(string status, PageRequest page, CancellationToken ct)
    {
        var rows = await payments.InStatusAsync(status, page.Fetch, page.Before, ct);
        var (items, next) = page.Cut(rows, p => p.Id);
        var earned = await credits.ForPaymentsAsync(items.Select(p => p.Id).ToList(), ct);
        return new PaymentPage(await PresentAsync(items, earned, ct), next);
    }

    public async Task<WalletCreditPage> ForWalletAsync(EthAddress wallet, PageRequest page, CancellationToken ct)
    {
        var rows = await credits.ForBeneficiaryAsync(wallet.ToLowerHex(), page.Fetch, page.Before, ct);
        var (items, next) = page.Cut(rows, c => c.Id);
        return await PageAsync(items, next, ct);
    }

    /// <param name="status">One of <see cref="CreditStore.Statuses"/>.</param>
    public async Task<WalletCreditPage> CreditsInStatusAsync(string status, PageRequest page, CancellationToken ct)
    {
        var rows = await credits.InStatusAsync(status, page.Fetch, page.Before, ct);
        var (items, next) = page.Cut(rows, c => c.Id);
        return await PageAsync(items, next, ct);
    }

    /// <summary>One credit (it exists: the caller has just read or moved it).</summary>
    public async Task<WalletCreditView> CreditAsync(long id, CancellationToken ct) =>
        (await PageAsync([(await credits.ByIdAsync(id, ct))!], null, ct)).Credits[0];

    private async Task<WalletCreditPage> PageAsync(IReadOnlyList<CreditRow> items, string? next, CancellationToken ct)
    {
        var steps = await TimelinesAsync(items, ct);
        return new WalletCreditPage(items.Select(c => PaymentViews.WalletCredit(c, steps.GetValueOrDefault(c.Id) ?? [])).ToList(), next);
    }

    private Task<IReadOnlyDictionary<long, IReadOnlyList<TimelineRow>>> TimelinesAsync(IReadOnlyList<CreditRow> earned, CancellationToken ct) =>
        timelines.ForAsync(CreditStates.Machine.Subject, earned.Select(c => c.Id).ToList(), ct);

    private async Task<IReadOnlyList<ReceivedPaymentView>> PresentAsync(IReadOnlyList<PaymentRow> found, IReadOnlyList<CreditRow> earned,
        CancellationToken ct)
    {
        if (found.Count == 0)
        {
            return [];
        }
        var heads = await progress.ReadAsync(found.Select(p => p.Chain).Distinct().ToList(), ct);
        var paymentSteps = await timelines.ForAsync(PaymentStates.Machine.Subject, found.Select(p => p.Id).ToList(), ct);
        return PaymentViews.Present(found, earned, chains.Value, heads, paymentSteps, await TimelinesAsync(earned, ct));
    }
}
