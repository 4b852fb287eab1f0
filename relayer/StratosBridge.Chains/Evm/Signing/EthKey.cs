using System.Numerics;
using System.Security.Cryptography;
using Nethereum.Signer;

namespace StratosBridge.Chains.Evm.Signing;

/// <summary>
/// A secp256k1 private key held by Nethereum's <see cref="EthECKey"/> (RFC 6979 deterministic, low-s signatures).
/// Ours on top: the key is checked to lie in [1, n−1] when read, its address is our <see cref="EthAddress"/>, and
/// <see cref="ToString"/> never shows the key.
/// </summary>
public sealed class EthKey
{
    /// <summary>The order n of secp256k1's group.</summary>
    internal static readonly BigInteger Order =
        BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber,
            System.Globalization.CultureInfo.InvariantCulture);

    private EthKey(EthECKey key)
    {
        Key = key;
        Address = EthAddress.FromBytes(key.GetPublicAddressAsBytes());
    }

    /// <summary>Nethereum's key, for its signers (<c>Transaction1559Signer</c>, <c>Eip712TypedDataSigner</c>).</summary>
    internal EthECKey Key { get; }

    /// <summary>The account address of this key.</summary>
    public EthAddress Address { get; }

    /// <summary>A key from 32 big-endian bytes; the value must lie in [1, n−1].</summary>
    public static EthKey FromBytes(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != 32)
        {
            throw new ArgumentException("a private key is 32 bytes", nameof(privateKey));
        }
        var d = new BigInteger(privateKey, isUnsigned: true, isBigEndian: true);
        if (d.IsZero || d >= Order)
        {
            throw new ArgumentException("the private key is not in [1, n-1]", nameof(privateKey));
        }
        return new EthKey(new EthECKey(privateKey.ToArray(), true));
    }

    /// <summary>A key from 64 hex digits, with or without "0x".</summary>
    public static EthKey FromHex(string privateKeyHex)
    {
        if (!Hex.TryDecode(privateKeyHex, out var bytes) || bytes.Length != 32)
        {
            throw new FormatException("a private key is 32 bytes of hex");
        }
        try
        {
            return FromBytes(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>A new random key (Nethereum draws it from a secure random source).</summary>
    public static EthKey Generate() => new(EthECKey.GenerateKey());

    public override string ToString() => $"EthKey({Address})";
}
