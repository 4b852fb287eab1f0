using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using StratosBridge.Core.Ozone;
using StratosBridge.Core.Quotes;
using StratosBridge.Pricing.Aggregation;
using StratosBridge.Pricing.Ozone;

namespace StratosBridge.Pricing.Quotes;

/// <summary>
/// Prices a quote from the current aggregated prices and Ozone snapshot:
/// <list type="number">
/// <item>STOS needed (Ozone quotes): X = the least wei that buys the wanted noz by the chain's formula
/// (<see cref="OzoneSnapshot.WeiFor"/>).</item>
/// <item>Amount due: ⌈ X / 10^18 × STOS/USD × (1 + spread/100) ÷ ASSET/USD × 10^decimals ⌉ base units (USD: ASSET/USD = 1,
/// base unit cents), exact rational arithmetic, rounded up once, against the payer.</item>
/// <item>Open-amount quotes ("whatever the payment buys") lock the same rates and leave the amount to the payment.</item>
/// </list>
/// </summary>
public sealed class QuotePricer(PriceOracle prices, OzoneMarket ozone, IOptions<PricingOptions> options, TimeProvider time)
{
    public const string Stos = "STOS";

    public bool TryPrice(PayAsset asset, BigInteger? wantedNoz, [NotNullWhen(true)] out PricedQuote? quote,
        [NotNullWhen(false)] out PricingRefusal? refusal)
    {
        quote = null;
        var settings = options.Value;
        if (!settings.Payments.Accepts(asset))
        {
            refusal = PricingRefusal.UnsupportedAsset(
                $"{asset.Symbol()} on {asset.Chain()} is not accepted here (Pricing:Payments:{asset.Chain()} is not configured)");
            return false;
        }
        var rule = new JsonObject
        {
            ["formula"] = "amountDue = ceil(stosWei / 10^18 × STOS/USD × (1 + spreadPercent / 100) ÷ " +
                          $"{asset.Symbol()}/USD × 10^{asset.Decimals()}) {asset.BaseUnit()}",
            ["payAsset"] = asset.Symbol(),
            ["spreadPercent"] = PricingAudit.Text(settings.SpreadPercent),
        };

        BigInteger? stosWei = null;
        if (wantedNoz is { } wanted)
        {
            if (ozone.Fresh() is not { } snapshot)
            {
                refusal = PricingRefusal.OzonePriceUnavailable(ozone.IsConfigured
                    ? $"no Ozone price younger than {settings.Stratos.StaleAfter} from Stratos REST" +
                      (ozone.LastError is { } e ? $" (last error: {e})" : "")
                    : "Pricing:Stratos:RestUrl is not configured");
                return false;
            }
            stosWei = snapshot.WeiFor(wanted);
            if (stosWei is not { } x)
            {
                refusal = PricingRefusal.OzoneSupplyExceeded(
                    $"{wanted} noz cannot be bought: {snapshot.RemainingNoz} noz remain under the chain's Ozone limit");
                return false;
            }
            var ozoneRule = PricingAudit.Of(snapshot, time.GetUtcNow());
            ozoneRule["wantedNoz"] = PricingAudit.Text(wanted);
            ozoneRule["stosWei"] = PricingAudit.Text(x);
            ozoneRule["nozForStosWei"] = PricingAudit.Text(OzonePurchase.Noz(snapshot.RemainingNoz, snapshot.DepositAndPrepayHigh, x));
            ozoneRule["stosWeiAtLowestDepositAndPrepay"] = PricingAudit.Text(
                OzonePurchase.WeiFor(snapshot.RemainingNoz, snapshot.DepositAndPrepayLow, wanted) ?? x);
            rule["ozone"] = ozoneRule;
        }

        var stos = prices.Evaluate(Stos);
        var pricesRule = new JsonObject { [Stos] = PricingAudit.Of(stos) };
        rule["prices"] = pricesRule;
        if (stos.Status != PriceStatus.Ok)
        {
            refusal = new PricingRefusal(stos.Status.ToWire(), $"STOS/USD: {stos.Reason}", true);
            return false;
        }
        var assetUsd = 1m;
        if (asset != PayAsset.Usd)
        {
            var paid = prices.Evaluate(asset.Symbol());
            pricesRule[asset.Symbol()] = PricingAudit.Of(paid);
            if (paid.Status != PriceStatus.Ok)
            {
                refusal = new PricingRefusal(paid.Status.ToWire(), $"{asset.Symbol()}/USD: {paid.Reason}", true);
                return false;
            }
            assetUsd = paid.Value!.Value;
        }
        var stosUsd = stos.Value!.Value;
        BigInteger? due = stosWei is { } wei
            ? ExactAmount.AmountDue(wei, stosUsd, assetUsd, settings.SpreadPercent, asset.Decimals())
            : null;
        rule["stosUsd"] = PricingAudit.Text(stosUsd);
        rule["assetUsd"] = PricingAudit.Text(assetUsd);
        rule["amountDue"] = due is { } d ? PricingAudit.Text(d) : null;
        rule["rounding"] = "up (payer pays the remainder of the last base unit)";
        quote = new PricedQuote(asset, wantedNoz, stosWei, due, stosUsd, assetUsd, settings.SpreadPercent, rule);
        refusal = null;
        return true;
    }
}
