using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Stratos;
using StratosBridge.Core.Ledger;
using StratosBridge.Core.Quotes;
using StratosBridge.Ledger.Quotes;
using StratosBridge.Pricing;
using StratosBridge.Pricing.Payments;
using StratosBridge.Pricing.Quotes;

namespace StratosBridge.Api.Quotes;

/// <summary>
/// Issues quotes: prices the request (<see cref="QuotePricer"/>), draws the quote id (32 random bytes, the
/// <c>bytes32 quoteId</c> of OzonePayments.pay) and, for SOL, a fresh Solana Pay reference, and stores the quote with
/// its payment target, locked rates and audit rule.
/// </summary>
public sealed class QuoteService(QuotePricer pricer, QuoteStore store, IOptions<PricingOptions> options, ILogger<QuoteService> logger)
{
    /// <param name="expiry">How long the rates are locked, when not <c>Pricing:QuoteExpiry</c> (card checkouts: as long as the checkout).</param>
    public async Task<(QuoteRow? Quote, PricingRefusal? Refusal)> CreateAsync(StratosAddress beneficiary, PayAsset asset, BigInteger? noz,
        CancellationToken ct, TimeSpan? expiry = null, long? accountId = null)
    {
        if (!pricer.TryPrice(asset, noz, out var priced, out var refusal))
        {
            logger.LogInformation("Quote refused: {Code} ({PayAsset}): {Detail}", refusal.Code, asset.Symbol(), refusal.Detail);
            return (null, refusal);
        }
        var settings = options.Value;
        var (payTo, chainId) = Target(asset, settings.Payments);
        for (var attempt = 0; ; attempt++)
        {
            var quote = new NewQuote(NewQuoteId(), beneficiary.LowerHex, asset.Symbol(), asset.Chain(), payTo, chainId,
                priced.WantedNoz, priced.StosWei, priced.AmountDue, priced.StosUsd, priced.AssetUsd, priced.SpreadPercent,
                asset == PayAsset.Sol ? SolanaPayUri.NewReference() : null, expiry ?? settings.QuoteExpiry,
                expiry > settings.MonitoringWindow ? expiry.Value : settings.MonitoringWindow,
                priced.Rule.ToJsonString(), accountId);
            var (outcome, row) = await store.CreateAsync(quote, ct);
            if (outcome == Recorded.Inserted)
            {
                logger.LogInformation("Quote {QuoteId} issued: {PayAsset} {AmountDue} for {Noz} noz to {Beneficiary}",
                    row.Id, row.PayAsset, row.AmountDue, row.Noz, row.Beneficiary);
                return (row, null);
            }
            if (attempt >= 2)
            {
                throw new InvalidOperationException("three random quote ids in a row were taken: the random source is broken");
            }
        }
    }

    public Task<QuoteRow?> GetAsync(string id, CancellationToken ct) => store.GetAsync(id, ct);

    /// <summary>A fresh quote id: 32 random bytes, 0x-hex (never all zero: OzonePayments refuses a zero id).</summary>
    public static string NewQuoteId()
    {
        while (true)
        {
            var bytes = RandomNumberGenerator.GetBytes(32);
            if (bytes.AsSpan().ContainsAnyExcept((byte)0))
            {
                return Hex.Encode(bytes);
            }
        }
    }

    /// <summary>True for 0x + 64 hex digits.</summary>
    public static bool IsQuoteId([NotNullWhen(true)] string? id) =>
        id is { Length: 66 } && id.StartsWith("0x", StringComparison.Ordinal) && !id.AsSpan(2).ContainsAnyExcept("0123456789abcdefABCDEF");

    private static (string? PayTo, long? ChainId) Target(PayAsset asset, PaymentsOptions payments) => asset switch
    {
        PayAsset.Eth or PayAsset.Bnb when payments.Evm(asset.Chain()) is { } evm => (evm.ContractAddress.ToLowerHex(), evm.ChainId),
        PayAsset.Sol when payments.Solana is { } solana => (solana.Recipient, null),
        _ => (null, null),
    };
}
