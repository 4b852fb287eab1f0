using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace StratosBridge.Chains.Evm.Contracts;

/// <summary>
/// The EIP-712 <c>Refund(uint64 nonce,address sender,uint256 amount)</c> struct attesters sign, once a cancel is final,
/// to refund a lock on its source vault.
/// </summary>
[Struct("Refund")]
public sealed class RefundAttestation
{
    [Parameter("uint64", "nonce", 1)]
    public ulong Nonce { get; set; }

    [Parameter("address", "sender", 2)]
    public string Sender { get; set; } = "";

    [Parameter("uint256", "amount", 3)]
    public BigInteger Amount { get; set; }
}
