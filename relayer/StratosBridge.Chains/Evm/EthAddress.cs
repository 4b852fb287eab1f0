using System.Diagnostics.CodeAnalysis;
using Nethereum.Util;

namespace StratosBridge.Chains.Evm;

/// <summary>
/// A 20-byte EVM account address. <see cref="ToString"/> gives the EIP-55 checksummed form;
/// <see cref="Parse"/> accepts all-lowercase or all-uppercase hex, and mixed case only when its checksum is right.
/// <c>default(EthAddress)</c> is the zero address.
/// </summary>
public readonly struct EthAddress : IEquatable<EthAddress>
{
    /// <summary>Length of an address in bytes.</summary>
    public const int Length = 20;

    private static readonly byte[] ZeroBytes = new byte[Length];

    private readonly byte[]? _bytes;

    private EthAddress(byte[] bytes) => _bytes = bytes;

    /// <summary>0x0000000000000000000000000000000000000000.</summary>
    public static EthAddress Zero => default;

    /// <summary>The 20 bytes (read-only view).</summary>
    public ReadOnlySpan<byte> Bytes => _bytes ?? ZeroBytes;

    /// <summary>A copy of the 20 bytes.</summary>
    public byte[] ToArray() => Bytes.ToArray();

    /// <summary>Wraps exactly 20 bytes (copied).</summary>
    public static EthAddress FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException($"an address is {Length} bytes, not {bytes.Length}", nameof(bytes));
        }
        return new EthAddress(bytes.ToArray());
    }

    /// <summary>
    /// Parses "0x" + 40 hex digits. All-lowercase and all-uppercase digits carry no checksum and are accepted
    /// unless <paramref name="requireChecksum"/>; mixed case must match EIP-55 exactly. Throws <see cref="FormatException"/>.
    /// </summary>
    public static EthAddress Parse(string text, bool requireChecksum = false) =>
        TryParse(text, out var address, requireChecksum)
            ? address
            : throw new FormatException($"'{text}' is not a valid{(requireChecksum ? " EIP-55 checksummed" : "")} address");

    /// <summary>Like <see cref="Parse"/>, without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out EthAddress address, bool requireChecksum = false)
    {
        address = default;
        if (text is null || text.Length != 2 + 2 * Length || text[0] != '0' || text[1] != 'x')
        {
            return false;
        }
        var digits = text.AsSpan(2);
        bool hasLower = false, hasUpper = false;
        foreach (var c in digits)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
            hasLower |= c is >= 'a' and <= 'f';
            hasUpper |= c is >= 'A' and <= 'F';
        }
        var candidate = new EthAddress(Convert.FromHexString(digits));
        if ((hasLower && hasUpper) || requireChecksum)
        {
            // (an address made only of digits has no letters to carry a checksum: it is its own checksummed form)
            if (!candidate.ToString().AsSpan(2).SequenceEqual(digits))
            {
                return false;
            }
        }
        address = candidate;
        return true;
    }

    /// <summary>The EIP-55 checksummed form (Nethereum's <see cref="AddressUtil"/>), e.g. 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed.</summary>
    public override string ToString() => AddressUtil.Current.ConvertToChecksumAddress(ToLowerHex());

    /// <summary>The all-lowercase form (no checksum), as JSON-RPC nodes print addresses.</summary>
    public string ToLowerHex() => "0x" + Convert.ToHexStringLower(Bytes);

    public bool Equals(EthAddress other) => Bytes.SequenceEqual(other.Bytes);

    public override bool Equals(object? obj) => obj is EthAddress other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Bytes);
        return hash.ToHashCode();
    }

    public static bool operator ==(EthAddress left, EthAddress right) => left.Equals(right);

    public static bool operator !=(EthAddress left, EthAddress right) => !left.Equals(right);
}
