using System.Globalization;
using System.Numerics;
using StratosBridge.Api.Chains;
using StratosBridge.Api.Quotes;
using StratosBridge.Api.Transfers;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Stratos;
using StratosBridge.Core.Quotes;
using StratosBridge.Ledger.Chains;
using StratosBridge.Ledger.Payments;
using StratosBridge.Ledger.States;
using StratosBridge.Relayer.Configuration;

namespace StratosBridge.Api.Payments;

/// <summary>
/// Turns the ledger's payments and credits into what the API shows: a payment's confirmations and ETA by its chain's
/// finality policy (<see cref="FinalityPolicy.Measure"/>, as for transfers), amounts as base units and decimals, and a
/// credit's last error only while it explains the state.
/// </summary>
internal static class PaymentViews
{
    public static IReadOnlyList<ReceivedPaymentView> Present(IEnumerable<PaymentRow> payments, IReadOnlyList<CreditRow> credits,
        ChainsOptions chains, IReadOnlyList<ChainProgress> progress, IReadOnlyDictionary<long, IReadOnlyList<TimelineRow>> timelines,
        IReadOnlyDictionary<long, IReadOnlyList<TimelineRow>> creditTimelines) =>
        payments.Select(p => Present(p, credits.FirstOrDefault(c => c.PaymentId == p.Id), chains.GetValueOrDefault(p.Chain),
            progress.FirstOrDefault(h => h.Chain == p.Chain), timelines.GetValueOrDefault(p.Id) ?? [], creditTimelines)).ToList();

    private static ReceivedPaymentView Present(PaymentRow p, CreditRow? credit, ChainOptions? chain, ChainProgress? progress,
        IReadOnlyList<TimelineRow> timeline, IReadOnlyDictionary<long, IReadOnlyList<TimelineRow>> creditTimelines)
    {
        // An orphaned payment's block left the chain: no confirmations; only a pending one waits for finality (has an ETA).
        var (confirmations, eta) = FinalityPolicy.Measure(chain, progress, p.Status == "orphaned" ? null : p.BlockNumber, p.Status == "pending");
        return new ReceivedPaymentView(
            p.Id,
            p.QuoteId,
            p.Chain,
            p.TxHash,
            EthAddress.TryParse(p.Payer, out var payer) ? payer.ToString() : p.Payer,
            p.Beneficiary is { } named && StratosAddress.TryParse(named, out var account)
                ? new BeneficiaryView(account.Hex, account.Bech32)
                : null,
            p.Asset,
            Amount(p.Asset, p.Amount),
            p.BlockNumber,
            p.PaidAt.ToUniversalTime(),
            p.Status,
            confirmations,
            eta,
            p.Outcome,
            p.Note,
            credit is null ? null : Credit(credit, creditTimelines.GetValueOrDefault(credit.Id) ?? []),
            Steps(timeline));
    }

    public static CreditView Credit(CreditRow c, IReadOnlyList<TimelineRow> timeline) => new(
        c.Id,
        c.Status,
        c.TxHash,
        c.BlockNumber,
        Text(c.StosWei),
        Text(c.QuotedNoz),
        Oz(c.QuotedNoz),
        Text(c.PurchasedNoz),
        Oz(c.PurchasedNoz),
        c.CreatedAt.ToUniversalTime(),
        c.CompletedAt?.ToUniversalTime(),
        VisibleError(c),
        c.Attempts,
        Steps(timeline));

    public static WalletCreditView WalletCredit(CreditRow c, IReadOnlyList<TimelineRow> timeline) => new(
        c.Id,
        c.QuoteId,
        c.Status,
        c is { PaymentChain: { } chain, PaymentTxHash: { } hash, PaymentAsset: { } asset, PaymentAmount: { } amount }
            ? new CreditPaymentView(chain, hash, asset, Amount(asset, amount), c.PaymentOutcome)
            : null,
        c is { GrantProgram: { } program, GrantClaimId: { } claim } ? new CreditGrantView(program, claim) : null,
        c.TxHash,
        c.BlockNumber,
        Text(c.StosWei),
        Text(c.QuotedNoz),
        Oz(c.QuotedNoz),
        Text(c.PurchasedNoz),
        Oz(c.PurchasedNoz),
        c.CreatedAt.ToUniversalTime(),
        c.CompletedAt?.ToUniversalTime(),
        VisibleError(c),
        c.Attempts,
        Steps(timeline));

    private static IReadOnlyList<TimelineStepView> Steps(IReadOnlyList<TimelineRow> timeline) =>
        timeline.Select(s => new TimelineStepView(s.At.ToUniversalTime(), s.Status, s.Chain, s.TxHash, s.Note, s.Actor)).ToList();

    private static AmountView Amount(string assetSymbol, BigInteger amount)
    {
        var asset = PayAssets.Parse(assetSymbol);
        return new AmountView(Text(amount), asset.BaseUnit(), asset.Decimals(), QuoteAmounts.Units(amount, asset.Decimals()));
    }

    /// <summary>The error is news only while it still explains the state: parked (failed, needs-operator), or queued again after an attempt failed.</summary>
    private static string? VisibleError(CreditRow c) => c.Status switch
    {
        "failed" or "needs-operator" => c.LastError,
        "ready" when c.Attempts > 0 => c.LastError,
        _ => null,
    };

    private static string Text(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? Text(BigInteger? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Oz(BigInteger? noz) => noz is { } n ? QuoteAmounts.Oz(n) : null;
}
