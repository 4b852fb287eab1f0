using System.Numerics;
using StratosBridge.Chains.Evm;

namespace StratosBridge.Tests.Unit.Evm.Differential;

/// <summary>A seeded generator of EVM-shaped values, biased towards boundaries (0, 1, max, lengths 31/32/33, 55/56…).</summary>
internal sealed class EvmRandom(int seed)
{
    private readonly Random _random = new(seed);

    public int Int(int minInclusive, int maxExclusive) => _random.Next(minInclusive, maxExclusive);

    public bool Chance(double probability) => _random.NextDouble() < probability;

    public T Pick<T>(params T[] options) => options[_random.Next(options.Length)];

    public byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>A length biased towards encoding boundaries.</summary>
    public int Length(int max) =>
        Chance(0.4)
            ? Pick(0, 1, 2, 31, 32, 33, 55, 56, 57, 63, 64, 65).Clamp(max)
            : _random.Next(0, max + 1);

    /// <summary>An unsigned integer below 2^bits, biased towards 0, 1, max and powers of two.</summary>
    public BigInteger UInt(int bits)
    {
        var max = (BigInteger.One << bits) - 1;
        return _random.Next(8) switch
        {
            0 => BigInteger.Zero,
            1 => BigInteger.One,
            2 => max,
            3 => max - 1,
            4 => BigInteger.One << _random.Next(bits),
            5 => new BigInteger(_random.Next(0, 1000)) & max,
            _ => new BigInteger(Bytes(bits / 8 + 1), isUnsigned: true) & (max >> _random.Next(bits)),
        };
    }

    public ulong UInt64() => (ulong)UInt(64);

    /// <summary>The order n of secp256k1's group: private keys lie in [1, n−1].</summary>
    public static readonly BigInteger Secp256k1Order = BigInteger.Parse(
        "0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber,
        System.Globalization.CultureInfo.InvariantCulture);

    public EthAddress Address() => Chance(0.05) ? EthAddress.Zero : EthAddress.FromBytes(Bytes(20));

    /// <summary>The 32 bytes of a valid private key, sometimes at the ends of [1, n−1].</summary>
    public byte[] PrivateKey()
    {
        if (Chance(0.02))
        {
            return Pick(BigInteger.One, Secp256k1Order - 1, new BigInteger(2))
                .ToByteArray(isUnsigned: true, isBigEndian: true).PadLeft32();
        }
        while (true)
        {
            var candidate = Bytes(32);
            var value = new BigInteger(candidate, isUnsigned: true, isBigEndian: true);
            if (!value.IsZero && value < Secp256k1Order)
            {
                return candidate;
            }
        }
    }
}
