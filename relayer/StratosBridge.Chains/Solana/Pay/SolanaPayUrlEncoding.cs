using System.Text;

namespace StratosBridge.Chains.Solana.Pay;

/// <summary>
/// The query encoding Solana Pay URLs get from the WHATWG URL standard's application/x-www-form-urlencoded rules — what
/// @solana/pay's encodeURL/parseURL produce and read through URLSearchParams: UTF-8, space as '+', only
/// <c>*-._</c> and alphanumerics left as they are, everything else %XX (upper-case hex).
/// </summary>
internal static class SolanaPayUrlEncoding
{
    public static string Encode(string value)
    {
        var text = new StringBuilder(value.Length * 3 / 2);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b == ' ')
            {
                text.Append('+');
            }
            else if (b is (byte)'*' or (byte)'-' or (byte)'.' or (byte)'_' || char.IsAsciiLetterOrDigit((char)b))
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return text.ToString();
    }

    /// <summary>'+' is a space; %XX is a byte (a '%' not followed by two hex digits stays as it is); the bytes are UTF-8,
    /// with U+FFFD for invalid sequences.</summary>
    public static string Decode(string value)
    {
        var bytes = new List<byte>(value.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '+')
            {
                bytes.Add((byte)' ');
            }
            else if (c == '%' && i + 2 < value.Length && char.IsAsciiHexDigit(value[i + 1]) && char.IsAsciiHexDigit(value[i + 2]))
            {
                bytes.Add(Convert.FromHexString(value.AsSpan(i + 1, 2))[0]);
                i += 2;
            }
            else
            {
                var length = char.IsHighSurrogate(c) && i + 1 < value.Length
                    ? Encoding.UTF8.GetBytes(value.AsSpan(i++, 2), utf8)
                    : Encoding.UTF8.GetBytes(value.AsSpan(i, 1), utf8);
                bytes.AddRange(utf8[..length]);
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    /// <summary>The name/value pairs of a query (without '?'), in order; empty pieces are skipped.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ParseQuery(string query)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var piece in query.Split('&'))
        {
            if (piece.Length == 0)
            {
                continue;
            }
            var equals = piece.IndexOf('=');
            pairs.Add(equals < 0
                ? new(Decode(piece), "")
                : new(Decode(piece[..equals]), Decode(piece[(equals + 1)..])));
        }
        return pairs;
    }
}
