using System.Numerics;
using Nethereum.ABI;

namespace StratosBridge.Chains.Evm.Contracts;

/// <summary>
/// One release the vault is asked to make: lock <paramref name="Nonce"/> of the source vault <paramref name="SrcVault"/> on
/// chain <paramref name="SrcChainId"/> (the destination vault's immutable peer), who receives, how much (base units).
/// </summary>
public sealed record VaultRelease(long SrcChainId, EthAddress SrcVault, ulong Nonce, EthAddress Recipient, BigInteger Amount)
{
    /// <summary>The id the destination vault computes and records as used: <see cref="IdOf"/> of the source.</summary>
    public byte[] Id => IdOf(SrcChainId, SrcVault, Nonce);

    /// <summary>What the vault records for a used id: keccak256(abi.encode(recipient, amount)) (<c>contentOf</c>).</summary>
    public byte[] Content => ContentOf(Recipient, Amount);

    /// <summary>keccak256(abi.encode(srcChainId, srcVault, nonce)), as the vault's <c>releaseId</c>; unique per lock.</summary>
    public static byte[] IdOf(long srcChainId, EthAddress srcVault, ulong nonce) =>
        new ABIEncode().GetSha3ABIEncoded(new ABIValue("uint256", new BigInteger(srcChainId)), new ABIValue("address", srcVault.ToLowerHex()),
            new ABIValue("uint64", nonce));

    /// <summary>keccak256(abi.encode(recipient, amount)), as the vault's <c>contentOf</c>.</summary>
    public static byte[] ContentOf(EthAddress recipient, BigInteger amount) =>
        new ABIEncode().GetSha3ABIEncoded(new ABIValue("address", recipient.ToLowerHex()), new ABIValue("uint256", amount));
}
