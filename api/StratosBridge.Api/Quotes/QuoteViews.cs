using System.Globalization;
using System.Text.Json.Nodes;
using StratosBridge.Api.Pauses;
using StratosBridge.Api.Payments;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Stratos;
using StratosBridge.Core.Quotes;
using StratosBridge.Ledger.Quotes;
using StratosBridge.Pricing;
using StratosBridge.Pricing.Payments;

namespace StratosBridge.Api.Quotes;

/// <summary>Builds the API view of a stored quote, payment instructions and settlement included.</summary>
public static class QuoteViews
{
    /// <param name="pauses">The pauses in force that hold this quote's credit (none when not given).</param>
    public static QuoteResponse From(QuoteRow quote, PricingOptions options, SettlementView settlement, IReadOnlyList<PauseView>? pauses = null)
    {
        var asset = PayAssets.Parse(quote.PayAsset);
        var beneficiary = StratosAddress.Parse(quote.Beneficiary);
        var path = $"/v1/quotes/{quote.Id}";
        EvmPaymentView? evm = null;
        SolanaPaymentView? solana = null;
        CardPaymentView? card = null;
        string? uri = null;
        if (QuotePaymentUri.Evm(quote) is { } eip681)
        {
            uri = eip681.ToString();
            evm = new EvmPaymentView(eip681.ChainId!.Value, eip681.Target.ToString(), eip681.Function.Signature,
                Hex.Encode(eip681.CallData()), quote.AmountDue?.ToString(CultureInfo.InvariantCulture), uri);
        }
        else if (QuotePaymentUri.Solana(quote, options.Payments.Solana?.Label) is { } solanaPay)
        {
            uri = solanaPay.ToString();
            solana = new SolanaPaymentView(solanaPay.Recipient,
                quote.AmountDue is { } lamports ? SolanaPayUri.Sol(lamports) : null,
                quote.AmountDue?.ToString(CultureInfo.InvariantCulture), solanaPay.Reference, solanaPay.Label,
                solanaPay.Message!, uri);
        }
        else if (asset == PayAsset.Usd)
        {
            card = new CardPaymentView("usd", quote.AmountDue?.ToString(CultureInfo.InvariantCulture));
        }
        var assetPerStos = quote.StosUsd * (1 + quote.SpreadPercent / 100m) / quote.AssetUsd;
        return new QuoteResponse(
            quote.Id,
            quote.Status.ToString().ToLowerInvariant(),
            quote.CreatedAt,
            quote.ExpiresAt,
            quote.MonitorUntil,
            new BeneficiaryView(beneficiary.Hex, beneficiary.Bech32),
            asset.Symbol(),
            asset.Chain(),
            quote.Noz?.ToString(CultureInfo.InvariantCulture),
            quote.Noz is { } noz ? QuoteAmounts.Oz(noz) : null,
            quote.Noz is { } nozForGb ? QuoteAmounts.Gb(nozForGb, options.NozPerGb) : null,
            quote.StosWei?.ToString(CultureInfo.InvariantCulture),
            quote.AmountDue is { } due
                ? new AmountView(due.ToString(CultureInfo.InvariantCulture), asset.BaseUnit(), asset.Decimals(), QuoteAmounts.Units(due, asset.Decimals()))
                : null,
            new RatesView(Text(quote.StosUsd), Text(quote.AssetUsd), Text(quote.SpreadPercent), Text(decimal.Round(assetPerStos, 18))),
            new PaymentView(uri, evm, solana, card, uri is null ? null : new QrLinks($"{path}/qr.png", $"{path}/qr.svg")),
            JsonNode.Parse(quote.PricingRule),
            settlement,
            pauses ?? []);
    }

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
