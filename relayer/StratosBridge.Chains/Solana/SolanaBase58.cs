using SimpleBase;

namespace StratosBridge.Chains.Solana;

/// <summary>Base58 (Bitcoin alphabet, as Solana uses it) of fixed-size values, with errors that say what is wrong.</summary>
internal static class SolanaBase58
{
    public static string Encode(ReadOnlySpan<byte> bytes) => Base58.Bitcoin.Encode(bytes);

    /// <summary>Decodes exactly <paramref name="size"/> bytes; null with the reason otherwise.</summary>
    public static byte[]? TryDecode(string? text, int size, string what, out string? error)
    {
        error = null;
        if (string.IsNullOrEmpty(text))
        {
            error = $"a {what} cannot be empty";
            return null;
        }
        // The longest base58 text of `size` bytes is size * log(256) / log(58) characters, rounded up.
        var maxLength = (int)Math.Ceiling(size * 1.3658);
        if (text.Length > maxLength)
        {
            error = $"'{Shorten(text)}' is not a {what}: {text.Length} characters, at most {maxLength}";
            return null;
        }
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsAlphabet(text[i]))
            {
                error = $"'{Shorten(text)}' is not a {what}: '{text[i]}' at position {i} is not a base58 character";
                return null;
            }
        }
        var bytes = Base58.Bitcoin.Decode(text);
        if (bytes.Length != size)
        {
            error = $"'{Shorten(text)}' is not a {what}: it decodes to {bytes.Length} bytes, not {size}";
            return null;
        }
        return bytes;
    }

    /// <summary>Decodes base58 of any length (instruction data); a character outside the alphabet is a <see cref="FormatException"/>.</summary>
    public static byte[] DecodeAny(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsAlphabet(text[i]))
            {
                throw new FormatException($"'{text[i]}' at position {i} is not a base58 character");
            }
        }
        return Base58.Bitcoin.Decode(text);
    }

    // 1-9, A-H, J-N, P-Z, a-k, m-z: no 0, O, I, l.
    private static bool IsAlphabet(char c) =>
        c is >= '1' and <= '9' or >= 'A' and <= 'H' or >= 'J' and <= 'N' or >= 'P' and <= 'Z' or >= 'a' and <= 'k'
            or >= 'm' and <= 'z';

    private static string Shorten(string text) => text.Length <= 100 ? text : text[..100] + "…";
}
