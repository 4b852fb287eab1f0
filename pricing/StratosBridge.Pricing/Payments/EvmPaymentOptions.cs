using System.ComponentModel.DataAnnotations;
using StratosBridge.Chains.Evm;

namespace StratosBridge.Pricing.Payments;

/// <summary><c>Pricing:Payments:{ethereum|bsc}</c>: the chain's OzonePayments contract.</summary>
public sealed class EvmPaymentOptions
{
    /// <summary>The OzonePayments deployment payers call <c>pay(quoteId, beneficiary)</c> on.</summary>
    [Required]
    public string Contract { get; set; } = "";

    /// <summary>The chain id, taken from <c>Chains:{chain}:ChainId</c> at start-up.</summary>
    public long ChainId { get; set; }

    public EthAddress ContractAddress => EthAddress.Parse(Contract);

    internal IEnumerable<ValidationResult> Check(string prefix)
    {
        if (Contract.Length > 0 && (!EthAddress.TryParse(Contract, out var address) || address == EthAddress.Zero))
        {
            yield return new ValidationResult($"'{Contract}' is not a contract address (0x + 40 hex digits, EIP-55 if mixed case)",
                [$"{prefix}:Contract"]);
        }
        if (ChainId <= 0)
        {
            yield return new ValidationResult("has no chain id: configure the chain under Chains (Chains:{chain}:ChainId)",
                [$"{prefix}:ChainId"]);
        }
    }
}
