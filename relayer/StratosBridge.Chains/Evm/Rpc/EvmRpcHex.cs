using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace StratosBridge.Chains.Evm.Rpc;

/// <summary>Hex quantities and data as JSON-RPC writes them ("0x1a", "0xdeadbeef"); lower case on the way out.</summary>
internal static class EvmRpcHex
{
    /// <summary>Writing is the shared codec's; reading (below) is lenient with what nodes send (leading zeros, "0X").</summary>
    public static string Quantity(BigInteger value) => Hex.EncodeQuantity(value);

    public static BigInteger ParseQuantity(JsonElement value)
    {
        var text = value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new FormatException($"expected a hex quantity string, got {value.ValueKind}");
        return ParseQuantity(text);
    }

    public static BigInteger ParseQuantity(string text)
    {
        if (!text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || text.Length < 3 || text.Length > 2 + 64)
        {
            throw new FormatException($"'{Shorten(text)}' is not a hex quantity");
        }
        return BigInteger.Parse("0" + text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }

    public static long ParseLong(JsonElement value) => (long)ParseQuantity(value);

    public static int ParseInt(JsonElement value) => (int)ParseQuantity(value);

    public static string Bytes(ReadOnlySpan<byte> bytes) => Hex.Encode(bytes);

    /// <summary>Data read from a node: must be 0x-prefixed hex; returned lower case.</summary>
    public static string ParseData(JsonElement value)
    {
        var text = value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new FormatException($"expected hex data, got {value.ValueKind}");
        return Normalize(text, "result");
    }

    /// <summary>Hex data given by a caller (address, hash, call data, raw tx): checked and lower-cased.</summary>
    public static string Normalize(string hex, string paramName)
    {
        ArgumentNullException.ThrowIfNull(hex, paramName);
        if (!hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || hex.Length % 2 != 0)
        {
            throw new FormatException($"{paramName}: '{Shorten(hex)}' is not 0x-prefixed hex with an even number of digits");
        }
        for (var i = 2; i < hex.Length; i++)
        {
            if (!char.IsAsciiHexDigit(hex[i]))
            {
                throw new FormatException($"{paramName}: '{Shorten(hex)}' has a non-hex character at {i}");
            }
        }
        return "0x" + hex[2..].ToLowerInvariant();
    }

    public static bool IsHexData(string? text)
    {
        if (text is null || !text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || text.Length % 2 != 0)
        {
            return false;
        }
        for (var i = 2; i < text.Length; i++)
        {
            if (!char.IsAsciiHexDigit(text[i]))
            {
                return false;
            }
        }
        return true;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
