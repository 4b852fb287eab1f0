using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace StratosBridge.Chains.Evm.Contracts;

/// <summary>
/// The EIP-712 <c>Cancel(uint256 srcChainId,address srcVault,uint64 nonce)</c> struct attesters sign to cancel, on the
/// destination vault, a lock of its peer: its id becomes used and nothing is paid.
/// </summary>
[Struct("Cancel")]
public sealed class CancelAttestation
{
    [Parameter("uint256", "srcChainId", 1)]
    public BigInteger SrcChainId { get; set; }

    [Parameter("address", "srcVault", 2)]
    public string SrcVault { get; set; } = "";

    [Parameter("uint64", "nonce", 3)]
    public ulong Nonce { get; set; }
}
