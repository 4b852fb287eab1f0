using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace StratosBridge.Chains.Evm.Contracts;

/// <summary>
/// The EIP-712 <c>Release</c> struct attesters sign (StosVault.sol's <c>RELEASE_TYPEHASH</c>:
/// <c>Release(uint256 srcChainId,address srcVault,uint64 nonce,address recipient,uint256 amount)</c>); signed through
/// <see cref="VaultAttestations"/>. The same struct is the tuple <c>release</c>, <c>releaseBatch</c> and <c>hashRelease</c> take.
/// </summary>
[Struct("Release")]
public sealed class ReleaseAttestation
{
    [Parameter("uint256", "srcChainId", 1)]
    public BigInteger SrcChainId { get; set; }

    [Parameter("address", "srcVault", 2)]
    public string SrcVault { get; set; } = "";

    [Parameter("uint64", "nonce", 3)]
    public ulong Nonce { get; set; }

    [Parameter("address", "recipient", 4)]
    public string Recipient { get; set; } = "";

    [Parameter("uint256", "amount", 5)]
    public BigInteger Amount { get; set; }

    public static ReleaseAttestation Of(VaultRelease release) => new()
    {
        SrcChainId = release.SrcChainId, SrcVault = release.SrcVault.ToLowerHex(), Nonce = release.Nonce,
        Recipient = release.Recipient.ToLowerHex(), Amount = release.Amount,
    };
}
