using System.Numerics;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Stratos;
using StratosBridge.Core.Quotes;
using StratosBridge.Ledger.Quotes;
using StratosBridge.Pricing.Payments;

namespace StratosBridge.Api.Quotes;

/// <summary>The payment URI of a stored quote (EIP-681 for ETH/BNB, Solana Pay for SOL; none for card), built from the row alone.</summary>
public static class QuotePaymentUri
{
    public static Eip681Uri? Evm(QuoteRow quote) =>
        PayAssets.Parse(quote.PayAsset).IsEvm() && quote.PayTo is { } contract && quote.ChainId is { } chainId
            ? Eip681Uri.ForPay(EthAddress.Parse(contract), chainId, Hex.Decode(quote.Id), EthAddress.Parse(quote.Beneficiary), quote.AmountDue)
            : null;

    public static SolanaPayUri? Solana(QuoteRow quote, string? label) =>
        quote is { PayAsset: "SOL", PayTo: { } recipient, SolanaReference: { } reference }
            ? new SolanaPayUri(recipient, quote.AmountDue, reference, label, Message(quote))
            : null;

    /// <summary>The URI a wallet opens, or null for card quotes.</summary>
    public static string? Of(QuoteRow quote, string? solanaLabel) =>
        Evm(quote)?.ToString() ?? Solana(quote, solanaLabel)?.ToString();

    /// <summary>The Solana Pay <c>message</c>: what the payment buys and for whom.</summary>
    public static string Message(QuoteRow quote)
    {
        var beneficiary = StratosAddress.Parse(quote.Beneficiary).Bech32;
        return quote.Noz is { } noz
            ? $"{QuoteAmounts.Oz(noz)} OZ of Ozone for {beneficiary}"
            : $"Ozone for {beneficiary}";
    }
}
