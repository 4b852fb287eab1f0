using System.ComponentModel.DataAnnotations;
using StratosBridge.Core.Quotes;

namespace StratosBridge.Pricing.Payments;

/// <summary>
/// <c>Pricing:Payments</c>: where each pay asset is paid. An asset whose entry is missing is refused
/// (<c>unsupported-asset</c>): ETH needs <c>ethereum:Contract</c>, BNB <c>bsc:Contract</c> (OzonePayments deployments;
/// chain ids come from <c>Chains:{chain}:ChainId</c>), SOL <c>solana:Recipient</c>, USD <c>card:Enabled</c>.
/// </summary>
public sealed class PaymentsOptions
{
    public EvmPaymentOptions? Ethereum { get; set; }

    public EvmPaymentOptions? Bsc { get; set; }

    public SolanaPaymentOptions? Solana { get; set; }

    public CardPaymentOptions? Card { get; set; }

    /// <summary>The EVM payment settings of a chain name (ethereum, bsc).</summary>
    public EvmPaymentOptions? Evm(string chain) => chain switch
    {
        "ethereum" => Ethereum,
        "bsc" => Bsc,
        _ => null,
    };

    /// <summary>True when quotes in <paramref name="asset"/> can be paid.</summary>
    public bool Accepts(PayAsset asset) => asset switch
    {
        PayAsset.Eth => Ethereum is not null,
        PayAsset.Bnb => Bsc is not null,
        PayAsset.Sol => Solana is not null,
        PayAsset.Usd => Card is { Enabled: true },
        _ => false,
    };

    internal IEnumerable<ValidationResult> Validate()
    {
        foreach (var (chain, evm) in new[] { ("ethereum", Ethereum), ("bsc", Bsc) })
        {
            if (evm is null)
            {
                continue;
            }
            foreach (var failure in PricingOptions.Nested(evm, $"Payments:{chain}").Concat(evm.Check($"Payments:{chain}")))
            {
                yield return failure;
            }
        }
        if (Solana is not null)
        {
            foreach (var failure in PricingOptions.Nested(Solana, "Payments:solana").Concat(Solana.Check("Payments:solana")))
            {
                yield return failure;
            }
        }
    }
}
