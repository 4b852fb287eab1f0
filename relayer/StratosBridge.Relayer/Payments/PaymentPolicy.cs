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
/// window → <c>quote-expired</c>; the quote's amount due was already paid in full (within the tolerance) by earlier
/// matched payments → <c>duplicate</c>. All of these are <b>unmatched</b>: nothing is credited automatically, operators
/// see them and refund or credit by hand.</item>
/// <item>paid after the quote expired (inside the window) → <c>late</c>: the whole payment is re-priced at the rates
/// current when the matcher sees it final (the same spread), waiting while no price is available.</item>
/// <item>a quote for a fixed Ozone amount: payments fill its amount due in the order they are matched (top-ups: a dust
/// payment cannot block a quote). With the earlier payments made before expiry, this one brings the quote within
/// ±<see cref="CreditOptions.TolerancePercent"/> of the amount due → <c>paid</c>, the rest of the quoted STOS (all of it,
/// which buys the quoted Ozone, for a first payment); short of it → <c>under-paid</c>, its share of the quoted STOS at the
/// locked rate; beyond it → <c>over-paid</c>: the rest of the quoted STOS at the locked rate plus what exceeds the amount
/// due re-priced at the current rates as for <c>late</c> (a quote is never an option on any size at the locked rate).
/// Shares are cumulative (quoted STOS × filled ÷ due, rounded down), so the credits of a quote paid in full add up to
/// the quoted STOS exactly.</item>
/// <item>a quote for an open amount → <c>paid</c>: each payment whole at the locked rates.</item>
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
        var tolerance = ExactAmount.Fraction(tolerancePercent);
        // what earlier matched payments made before expiry paid towards the amount due (late ones were priced on their own)
        var filled = earlier.Where(p => p.PaidAt <= quote.ExpiresAt).Aggregate(BigInteger.Zero, (sum, p) => sum + p.Amount);
        if (quote.AmountDue is { } owed && Compare(filled, owed, tolerance) >= 0) // paid in full already
        {
            return Unmatched("duplicate", $"the quote was already paid by {string.Join(", ", earlier.Select(p => $"{p.TxHash} on {p.Chain}"))}");
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
            rule["rates"] = Current(now);
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
        rule["filledBefore"] = Text(filled);
        var total = filled + payment.Amount;
        var creditedBefore = quotedStos * filled / due;
        var topUp = filled.IsZero ? "" : $" (a top-up: {Text(filled)} paid before)";
        switch (Compare(total, due, tolerance))
        {
            case 0:
                return Credit("paid", quotedStos - creditedBefore, filled.IsZero ? quote.Noz : null, rule,
                    $"paid {Text(payment.Amount)} of {Text(due)} due{topUp}: the quoted Ozone");
            case < 0:
                var share = quotedStos * total / due - creditedBefore;
                return Credit("under-paid", share, null, rule,
                    $"under-paid: {Text(payment.Amount)} of {Text(due)} due{topUp} buys {Text(share)} of the quoted {Text(quotedStos)} " +
                    "STOS wei at the locked rate");
        }
        var excess = total - due;
        if (rates(asset, out var missing) is not { } current)
        {
            return MatchDecision.Later($"over-payment waits for a current price to re-price the {Text(excess)} beyond the amount due: {missing}",
                priceRetry);
        }
        rule["excess"] = Text(excess);
        rule["excessRates"] = Current(current);
        var locked = quotedStos - creditedBefore;
        var repriced = ExactAmount.StosWeiFor(excess, current.StosUsd, current.AssetUsd, quote.SpreadPercent, asset.Decimals());
        return Credit("over-paid", locked + repriced, null, rule,
            $"over-paid: {Text(payment.Amount)} for {Text(due)} due{topUp}: the rest of the quoted STOS ({Text(locked)} wei) at the " +
            $"locked rate, and the {Text(excess)} beyond the amount due re-priced at STOS {current.StosUsd} USD, {quote.PayAsset} " +
            $"{current.AssetUsd} USD ({Text(repriced)} wei)");
    }

    /// <summary>−1 below the tolerance band around <paramref name="due"/>, 0 inside it (edges included), 1 above it.</summary>
    private static int Compare(BigInteger paid, BigInteger due, (BigInteger N, BigInteger D) tolerance)
    {
        var (tn, td) = tolerance;
        // within tolerance: due·(100 − t) ≤ paid·100 ≤ due·(100 + t), with t = tn/td
        var paid100 = paid * 100 * td;
        return paid100 < due * (100 * td - tn) ? -1 : paid100 > due * (100 * td + tn) ? 1 : 0;
    }

    private static object Current((decimal StosUsd, decimal AssetUsd) now) =>
        new { source = "current", stosUsd = now.StosUsd, assetUsd = now.AssetUsd };

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
