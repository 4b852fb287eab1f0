using System.Globalization;
using System.Numerics;

namespace StratosBridge.Chains.Evm;

/// <summary>
/// Hex text as Ethereum uses it: byte data as even-length "0x…" strings (lowercase on output)
/// and JSON-RPC quantities as minimal "0x…" numbers ("0x0", "0x1a").
/// </summary>
public static class Hex
{
    /// <summary>Formats bytes as lowercase hex, "0x"-prefixed unless <paramref name="prefix"/> is false.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes, bool prefix = true) =>
        prefix ? "0x" + Convert.ToHexStringLower(bytes) : Convert.ToHexStringLower(bytes);

    /// <summary>
    /// Parses hex byte data; the "0x" prefix is optional, the digit count must be even, either case is accepted.
    /// Throws <see cref="FormatException"/> otherwise.
    /// </summary>
    public static byte[] Decode(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        return TryDecode(hex, out var bytes) ? bytes : throw new FormatException($"'{Shorten(hex)}' is not even-length hex data");
    }

    /// <summary>Like <see cref="Decode"/>, without throwing.</summary>
    public static bool TryDecode(string? hex, out byte[] bytes)
    {
        bytes = [];
        if (hex is null)
        {
            return false;
        }
        var digits = HasPrefix(hex) ? hex.AsSpan(2) : hex.AsSpan();
        if (digits.Length % 2 != 0)
        {
            return false;
        }
        foreach (var c in digits)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }
        bytes = Convert.FromHexString(digits);
        return true;
    }

    /// <summary>Formats a non-negative integer as a JSON-RPC quantity: "0x0", "0x1a" (no leading zeros).</summary>
    public static string EncodeQuantity(BigInteger value)
    {
        if (value.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "a quantity cannot be negative");
        }
        if (value.IsZero)
        {
            return "0x0";
        }
        return "0x" + Convert.ToHexStringLower(value.ToByteArray(isUnsigned: true, isBigEndian: true)).TrimStart('0');
    }

    /// <summary>Parses a JSON-RPC quantity ("0x0", "0x1a"); leading zeros are refused, as the JSON-RPC spec requires.</summary>
    public static BigInteger DecodeQuantity(string quantity)
    {
        ArgumentNullException.ThrowIfNull(quantity);
        if (!quantity.StartsWith("0x", StringComparison.Ordinal) || quantity.Length < 3 || quantity.Length > 2 + 64
            || (quantity.Length > 3 && quantity[2] == '0'))
        {
            throw new FormatException($"'{Shorten(quantity)}' is not a hex quantity");
        }
        foreach (var c in quantity.AsSpan(2))
        {
            if (!char.IsAsciiHexDigit(c))
            {
                throw new FormatException($"'{Shorten(quantity)}' is not a hex quantity");
            }
        }
        return BigInteger.Parse("0" + quantity[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }

    private static bool HasPrefix(string hex) =>
        hex.Length >= 2 && hex[0] == '0' && (hex[1] == 'x' || hex[1] == 'X');

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
