using System.Numerics;

namespace StratosBridge.Chains.Evm.Signing;

/// <summary>
/// A recoverable secp256k1 signature (r, s, y parity). <see cref="ToBytes"/>/<see cref="FromBytes"/> use the
/// common 65-byte r‖s‖v form with v = 27 + y parity (what <c>eth_sign</c>, EIP-712 wallets and <c>cast wallet sign</c> produce).
/// </summary>
public sealed record EthSignature
{
    /// <summary>Creates a signature; r and s must lie in [1, n−1] and the parity be 0 or 1.</summary>
    public EthSignature(BigInteger r, BigInteger s, int yParity)
    {
        if (r.Sign <= 0 || r >= Secp256k1.Order)
        {
            throw new ArgumentOutOfRangeException(nameof(r), "r must be in [1, n-1]");
        }
        if (s.Sign <= 0 || s >= Secp256k1.Order)
        {
            throw new ArgumentOutOfRangeException(nameof(s), "s must be in [1, n-1]");
        }
        if (yParity is not (0 or 1))
        {
            throw new ArgumentOutOfRangeException(nameof(yParity), "the y parity is 0 or 1");
        }
        R = r;
        S = s;
        YParity = yParity;
    }

    public BigInteger R { get; }

    public BigInteger S { get; }

    /// <summary>0 or 1: the parity of the y coordinate of the nonce point (the "recovery id").</summary>
    public int YParity { get; }

    /// <summary>s ≤ n/2, as EIP-2 requires of transaction signatures. <see cref="EthKey.Sign"/> always produces low s.</summary>
    public bool IsLowS => S <= Secp256k1.HalfOrder;

    /// <summary>65 bytes: r (32) ‖ s (32) ‖ v, where v = 27 + <see cref="YParity"/>.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[65];
        R.TryWriteBytes(bytes.AsSpan(32 - R.GetByteCount(isUnsigned: true), 32), out _, isUnsigned: true, isBigEndian: true);
        S.TryWriteBytes(bytes.AsSpan(64 - S.GetByteCount(isUnsigned: true), 32), out _, isUnsigned: true, isBigEndian: true);
        bytes[64] = (byte)(27 + YParity);
        return bytes;
    }

    /// <summary>Parses 65 bytes r ‖ s ‖ v with v ∈ {0, 1, 27, 28}. Throws <see cref="FormatException"/> otherwise.</summary>
    public static EthSignature FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 65)
        {
            throw new FormatException($"a signature is 65 bytes, not {bytes.Length}");
        }
        var v = bytes[64];
        var parity = v switch
        {
            0 or 27 => 0,
            1 or 28 => 1,
            _ => throw new FormatException($"signature v must be 0, 1, 27 or 28, not {v}"),
        };
        return Create(new BigInteger(bytes[..32], isUnsigned: true, isBigEndian: true),
            new BigInteger(bytes[32..64], isUnsigned: true, isBigEndian: true), parity);
    }

    /// <summary>Recovers the signer's address for the 32-byte <paramref name="hash"/> (see <see cref="Secp256k1.RecoverAddress"/>).</summary>
    public EthAddress RecoverAddress(ReadOnlySpan<byte> hash) => Secp256k1.RecoverAddress(hash, this);

    public override string ToString() => Hex.Encode(ToBytes());

    /// <summary>Like the constructor, but an out-of-range value is a <see cref="FormatException"/> (for parsed input).</summary>
    internal static EthSignature Create(BigInteger r, BigInteger s, int yParity)
    {
        try
        {
            return new EthSignature(r, s, yParity);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new FormatException($"invalid signature: {e.Message}", e);
        }
    }
}
