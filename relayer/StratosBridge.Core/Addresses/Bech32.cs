using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace StratosBridge.Core.Addresses;

/// <summary>
/// Bech32 as BIP-173 defines it (the checksum constant 1, not Bech32m), as Cosmos chains use it for account addresses
/// (<c>st1…</c> on Stratos). Strings are at most 90 characters, all lower case or all upper case (output is lower
/// case), with a human-readable part of 1–83 characters in ASCII 33–126, the separator '1' (the last one) and at least
/// six data characters, the last six being the checksum.
/// </summary>
public static class Bech32
{
    /// <summary>The longest string BIP-173 allows.</summary>
    public const int MaxLength = 90;

    private const string Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static readonly int[] Generator = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
    private static readonly sbyte[] CharsetIndex = BuildIndex();

    /// <summary>Encodes bytes (converted to 5-bit words, zero-padded) under <paramref name="hrp"/>.</summary>
    public static string Encode(string hrp, ReadOnlySpan<byte> data) => EncodeWords(hrp, ToWords(data));

    /// <summary>Encodes 5-bit words (each 0–31) under <paramref name="hrp"/>. Throws <see cref="ArgumentException"/>.</summary>
    public static string EncodeWords(string hrp, ReadOnlySpan<byte> words)
    {
        ArgumentNullException.ThrowIfNull(hrp);
        if (hrp.Length is < 1 or > 83 || hrp.Any(c => c is < (char)33 or > (char)126))
        {
            throw new ArgumentException("the human-readable part must be 1–83 characters in ASCII 33–126", nameof(hrp));
        }
        if (hrp.Any(char.IsAsciiLetterUpper) && hrp.Any(char.IsAsciiLetterLower))
        {
            throw new ArgumentException("the human-readable part mixes upper and lower case", nameof(hrp));
        }
        if (hrp.Length + 1 + words.Length + 6 > MaxLength)
        {
            throw new ArgumentException($"the result would be longer than {MaxLength} characters", nameof(words));
        }
        var lower = hrp.ToLowerInvariant();
        var text = new StringBuilder(lower.Length + 1 + words.Length + 6).Append(lower).Append('1');
        foreach (var w in words)
        {
            if (w > 31)
            {
                throw new ArgumentException($"{w} is not a 5-bit word", nameof(words));
            }
            text.Append(Charset[w]);
        }
        var checksum = Checksum(lower, words);
        foreach (var w in checksum)
        {
            text.Append(Charset[w]);
        }
        return text.ToString();
    }

    /// <summary>Decodes a Bech32 string to its (lower-case) hrp and bytes; throws <see cref="FormatException"/> saying why not.</summary>
    public static (string Hrp, byte[] Data) Decode(string text) =>
        TryDecode(text, out var hrp, out var data, out var error) ? (hrp, data) : throw new FormatException(error);

    /// <summary>
    /// Decodes to bytes: the words must convert 5→8 bits with at most 4 padding bits, all zero (BIP-173's rule for
    /// segwit programs, which Cosmos addresses share).
    /// </summary>
    public static bool TryDecode(string? text, [NotNullWhen(true)] out string? hrp, [NotNullWhen(true)] out byte[]? data,
        [NotNullWhen(false)] out string? error)
    {
        data = null;
        if (!TryDecodeWords(text, out hrp, out var words, out error))
        {
            return false;
        }
        if (!TryFromWords(words, out data))
        {
            hrp = null;
            error = "the data part does not convert to whole bytes (non-zero or excess padding)";
            return false;
        }
        return true;
    }

    /// <summary>Decodes to the hrp and the 5-bit data words (checksum removed).</summary>
    public static bool TryDecodeWords(string? text, [NotNullWhen(true)] out string? hrp, [NotNullWhen(true)] out byte[]? words,
        [NotNullWhen(false)] out string? error)
    {
        hrp = null;
        words = null;
        if (text is null)
        {
            error = "no text";
            return false;
        }
        if (text.Length > MaxLength)
        {
            error = $"longer than {MaxLength} characters";
            return false;
        }
        bool lower = false, upper = false;
        foreach (var c in text)
        {
            if (c is < (char)33 or > (char)126)
            {
                error = "contains a character outside ASCII 33–126";
                return false;
            }
            lower |= char.IsAsciiLetterLower(c);
            upper |= char.IsAsciiLetterUpper(c);
        }
        if (lower && upper)
        {
            error = "mixes upper and lower case";
            return false;
        }
        var normal = text.ToLowerInvariant();
        var separator = normal.LastIndexOf('1');
        if (separator < 1)
        {
            error = separator == 0 ? "empty human-readable part" : "no separator '1'";
            return false;
        }
        if (normal.Length - separator - 1 < 6)
        {
            error = "the data part is shorter than the 6-character checksum";
            return false;
        }
        var all = new byte[normal.Length - separator - 1];
        for (var i = 0; i < all.Length; i++)
        {
            var c = normal[separator + 1 + i];
            var v = c < 128 ? CharsetIndex[c] : (sbyte)-1;
            if (v < 0)
            {
                error = $"'{c}' is not a Bech32 data character";
                return false;
            }
            all[i] = (byte)v;
        }
        var prefix = normal[..separator];
        if (Polymod(prefix, all) != 1)
        {
            error = "checksum mismatch";
            return false;
        }
        hrp = prefix;
        words = all[..^6];
        error = null;
        return true;
    }

    /// <summary>Regroups bytes into 5-bit words, padding the last word with zero bits.</summary>
    public static byte[] ToWords(ReadOnlySpan<byte> data)
    {
        var words = new byte[(data.Length * 8 + 4) / 5];
        int acc = 0, bits = 0, at = 0;
        foreach (var b in data)
        {
            acc = (acc << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                words[at++] = (byte)((acc >> bits) & 31);
            }
        }
        if (bits > 0)
        {
            words[at] = (byte)((acc << (5 - bits)) & 31);
        }
        return words;
    }

    /// <summary>Regroups 5-bit words into bytes; false when the padding is longer than 4 bits or not all zero.</summary>
    public static bool TryFromWords(ReadOnlySpan<byte> words, [NotNullWhen(true)] out byte[]? data)
    {
        data = null;
        var output = new byte[words.Length * 5 / 8];
        int acc = 0, bits = 0, at = 0;
        foreach (var w in words)
        {
            if (w > 31)
            {
                return false;
            }
            acc = ((acc << 5) | w) & 0xfff;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                output[at++] = (byte)((acc >> bits) & 0xff);
            }
        }
        if (bits >= 5 || ((acc << (8 - bits)) & 0xff) != 0)
        {
            return false;
        }
        data = output;
        return true;
    }

    private static byte[] Checksum(string hrp, ReadOnlySpan<byte> words)
    {
        var values = new byte[words.Length + 6];
        words.CopyTo(values);
        var mod = Polymod(hrp, values) ^ 1;
        var checksum = new byte[6];
        for (var i = 0; i < 6; i++)
        {
            checksum[i] = (byte)((mod >> (5 * (5 - i))) & 31);
        }
        return checksum;
    }

    private static int Polymod(string hrp, ReadOnlySpan<byte> values)
    {
        var chk = 1;
        foreach (var c in hrp)
        {
            chk = Step(chk) ^ (c >> 5);
        }
        chk = Step(chk);
        foreach (var c in hrp)
        {
            chk = Step(chk) ^ (c & 31);
        }
        foreach (var v in values)
        {
            chk = Step(chk) ^ v;
        }
        return chk;
    }

    private static int Step(int chk)
    {
        var top = chk >> 25;
        chk = (chk & 0x1ffffff) << 5;
        for (var i = 0; i < 5; i++)
        {
            if (((top >> i) & 1) != 0)
            {
                chk ^= Generator[i];
            }
        }
        return chk;
    }

    private static sbyte[] BuildIndex()
    {
        var index = new sbyte[128];
        Array.Fill(index, (sbyte)-1);
        for (var i = 0; i < Charset.Length; i++)
        {
            index[Charset[i]] = (sbyte)i;
        }
        return index;
    }
}
