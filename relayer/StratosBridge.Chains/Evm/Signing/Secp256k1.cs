using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Math.EC.Multiplier;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace StratosBridge.Chains.Evm.Signing;

/// <summary>
/// The secp256k1 curve operations Ethereum needs beyond signing: public key recovery from a signature
/// (what <c>ecrecover</c> does) and the derivation of a public key from a private key.
/// </summary>
public static class Secp256k1
{
    internal static readonly X9ECParameters Curve = CustomNamedCurves.GetByName("secp256k1");

    internal static readonly ECDomainParameters Domain = new(Curve.Curve, Curve.G, Curve.N, Curve.H);

    /// <summary>The group order n.</summary>
    public static System.Numerics.BigInteger Order { get; } = ToNumerics(Curve.N);

    /// <summary>n / 2: a signature's s must not exceed it (EIP-2 "low s").</summary>
    public static System.Numerics.BigInteger HalfOrder { get; } = Order / 2;

    /// <summary>
    /// Recovers the 64-byte public key (X‖Y) that produced <paramref name="signature"/> over the 32-byte
    /// <paramref name="hash"/>. Throws <see cref="FormatException"/> when no key can have produced it.
    /// High-s signatures are recovered like <c>ecrecover</c> does; callers that need EIP-2 check <see cref="EthSignature.IsLowS"/>.
    /// </summary>
    public static byte[] RecoverPublicKey(ReadOnlySpan<byte> hash, EthSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        if (hash.Length != 32)
        {
            throw new ArgumentException("the hash must be 32 bytes", nameof(hash));
        }
        var point = Recover(hash, signature.R, signature.S, signature.YParity)
            ?? throw new FormatException("the signature does not recover to a public key");
        return point.GetEncoded(false)[1..];
    }

    /// <summary>The address whose key produced <paramref name="signature"/> over <paramref name="hash"/>.</summary>
    public static EthAddress RecoverAddress(ReadOnlySpan<byte> hash, EthSignature signature) =>
        EthAddress.FromPublicKey(RecoverPublicKey(hash, signature));

    internal static ECPoint? Recover(ReadOnlySpan<byte> hash, System.Numerics.BigInteger r, System.Numerics.BigInteger s, int recoveryId)
    {
        var n = Curve.N;
        var bcR = ToBouncy(r);
        var bcS = ToBouncy(s);
        // x = r + (recoveryId / 2)·n; it must be a field element
        var x = bcR.Add(n.Multiply(BcBigInteger.ValueOf(recoveryId / 2)));
        var prime = Curve.Curve.Field.Characteristic;
        if (x.CompareTo(prime) >= 0)
        {
            return null;
        }
        var compressed = new byte[33];
        compressed[0] = (byte)(0x02 + (recoveryId & 1));
        var xBytes = x.ToByteArrayUnsigned();
        xBytes.CopyTo(compressed, 33 - xBytes.Length);
        ECPoint rPoint;
        try
        {
            rPoint = Curve.Curve.DecodePoint(compressed);
        }
        catch (ArgumentException)
        {
            return null; // x is not on the curve
        }
        // Q = r⁻¹ (s·R − e·G)
        var e = new BcBigInteger(1, hash.ToArray()).Mod(n);
        var rInverse = bcR.ModInverse(n);
        var u1 = n.Subtract(e).Multiply(rInverse).Mod(n);
        var u2 = bcS.Multiply(rInverse).Mod(n);
        var q = ECAlgorithms.SumOfTwoMultiplies(Curve.G, u1, rPoint, u2).Normalize();
        return q.IsInfinity ? null : q;
    }

    internal static ECPoint PublicPoint(BcBigInteger privateKey) =>
        new FixedPointCombMultiplier().Multiply(Curve.G, privateKey).Normalize();

    internal static BcBigInteger ToBouncy(System.Numerics.BigInteger value) =>
        new(1, value.ToByteArray(isUnsigned: true, isBigEndian: true));

    internal static System.Numerics.BigInteger ToNumerics(BcBigInteger value) =>
        new(value.ToByteArrayUnsigned(), isUnsigned: true, isBigEndian: true);
}
