using System.Globalization;
using System.Numerics;
using System.Text.Json;
using StratosBridge.Core.Quotes;
using StratosBridge.Ledger.Payments;
using StratosBridge.Ledger.Quotes;
using StratosBridge.Pricing.Quotes;

namespace StratosBridge.Relayer.Payments;

/// <summary>Current USD prices of STOS and of a pay asset, for re-pricing a late payment; null with the reason when unavailable.</summary>
public delegate (decimal StosUsd, decimal AssetUsd)? CurrentRates(PayAsset asset, out string? unavailable);

/// <summary>
/// The matching policy: what a final payment earns. Checked in this order (the README documents it for users):
/// <list type="number">
/// <item>no such quote → <c>unknown-quote</c>; paid on another chain or in another coin than the quote's →
/// <c>wrong-chain</c>; naming another beneficiary than the quote's → <c>wrong-beneficiary</c>; paid after the monitoring
/// window → <c>quote-expired</c>; the quote was already paid by an earlier payment → <c>duplicate</c>. All of these are
/// <b>unmatched</b>: nothing is credited automatically, operators see them and refund or credit by hand.</item>
/// <item>paid after the quote expired (inside the window) → <c>late</c>: the whole payment is re-priced at the rates
/// current when the matcher sees it final (the same spread), waiting while no price is available.</item>
/// <item>a quote for a fixed Ozone amount: within ±<see cref="CreditOptions.TolerancePercent"/> of the amount due →
/// <c>paid</c>, the quoted STOS (which buys the quoted Ozone); below → <c>under-paid</c>, above → <c>over-paid</c>: the
/// payment's share of the quoted STOS at the locked rate, stosWei × paid ÷ due, rounded down. No top-ups: an
/// under-paid quote is settled by its one payment.</item>
/// <item>a quote for an open amount → <c>paid</c>: the whole payment at the locked rates.</item>
/// </list>
/// A payment that would buy no STOS at all is unmatched (<c>too-small</c>).
/// </summary>
public static class PaymentPolicy
{
    public static MatchDecision Decide(PaymentRow payment, QuoteRow? quote, IReadOnlyList<PaymentRow> earlier, decimal tolerancePercent,
        CurrentRates rates, TimeSpan priceRetry)
    {
        if (quote is null)
        {
            return Unmatched("unknown-quote", $"no quote {payment.QuoteId} exists");
        }
        var asset = PayAssets.Parse(quote.PayAsset);
        if (quote.PayChain != payment.Chain || quote.PayAsset != payment.Asset)
        {
            return Unmatched("wrong-chain", $"the quote is payable in {quote.PayAsset} on {quote.PayChain}, not {payment.Asset} on {payment.Chain}");
        }
        if (payment.Beneficiary is { } named && named != quote.Beneficiary)
        {
            return Unmatched("wrong-beneficiary", $"the payment names beneficiary {named}, the quote {quote.Beneficiary}");
        }
        if (payment.PaidAt > quote.MonitorUntil)
        {
            return Unmatched("quote-expired", $"paid at {payment.PaidAt:O}, after the quote's monitoring window ended ({quote.MonitorUntil:O})");
        }
        if (earlier.Count > 0)
        {
            return Unmatched("duplicate", $"the quote was already paid by {earlier[0].TxHash} on {earlier[0].Chain}");
        }
        var rule = new Dictionary<string, object?>
        {
            ["paid"] = Text(payment.Amount),
            ["asset"] = quote.PayAsset,
            ["spreadPercent"] = quote.SpreadPercent,
        };
        if (payment.PaidAt > quote.ExpiresAt)
        {
            if (rates(asset, out var unavailable) is not { } now)
            {
                return MatchDecision.Later($"late payment waits for a current price to re-price it: {unavailable}", priceRetry);
            }
            rule["rates"] = new { source = "current", stosUsd = now.StosUsd, assetUsd = now.AssetUsd };
            var stos = ExactAmount.StosWeiFor(payment.Amount, now.StosUsd, now.AssetUsd, quote.SpreadPercent, asset.Decimals());
            return Credit("late", stos, null, rule,
                $"paid at {payment.PaidAt:O}, after the quote expired ({quote.ExpiresAt:O}): re-priced at STOS {now.StosUsd} USD, " +
                $"{quote.PayAsset} {now.AssetUsd} USD");
        }
        rule["rates"] = new { source = "locked", stosUsd = quote.StosUsd, assetUsd = quote.AssetUsd };
        if (quote.AmountDue is not { } due || quote.StosWei is not { } quotedStos)
        {
            var stos = ExactAmount.StosWeiFor(payment.Amount, quote.StosUsd, quote.AssetUsd, quote.SpreadPercent, asset.Decimals());
            return Credit("paid", stos, null, rule, "open-amount quote: the whole payment at the locked rates");
        }
        rule["due"] = Text(due);
        rule["quotedStosWei"] = Text(quotedStos);
        rule["tolerancePercent"] = tolerancePercent;
        var (tn, td) = ExactAmount.Fraction(tolerancePercent);
        // within tolerance: due·(100 − t) ≤ paid·100 ≤ due·(100 + t), with t = tn/td
        var paid100 = payment.Amount * 100 * td;
        if (paid100 >= due * (100 * td - tn) && paid100 <= due * (100 * td + tn))
        {
            return Credit("paid", quotedStos, quote.Noz, rule, $"paid {Text(payment.Amount)} of {Text(due)} due: the quoted Ozone");
        }
        var share = quotedStos * payment.Amount / due;
        var outcome = payment.Amount < due ? "under-paid" : "over-paid";
        return Credit(outcome, share, null, rule,
            $"{outcome}: {Text(payment.Amount)} of {Text(due)} due buys {Text(share)} of the quoted {Text(quotedStos)} STOS wei at the locked rate");
    }

    private static MatchDecision Unmatched(string outcome, string note) => new(outcome, note + "; nothing credited automatically", null);

    private static MatchDecision Credit(string outcome, BigInteger stosWei, BigInteger? quotedNoz, Dictionary<string, object?> rule, string note)
    {
        if (stosWei.Sign <= 0)
        {
            return Unmatched("too-small", $"{note}: that buys no STOS");
        }
        rule["outcome"] = outcome;
        rule["stosWei"] = Text(stosWei);
        return new MatchDecision(outcome, note, new NewCredit(stosWei, quotedNoz, JsonSerializer.Serialize(rule)));
    }

    private static string Text(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);
}
