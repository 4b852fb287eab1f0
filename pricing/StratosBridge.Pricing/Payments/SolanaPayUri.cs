using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using SimpleBase;

namespace StratosBridge.Pricing.Payments;

/// <summary>
/// A Solana Pay transfer request: <c>solana:&lt;recipient&gt;?amount=&lt;SOL&gt;&amp;reference=&lt;key&gt;&amp;label=…&amp;message=…</c>.
/// The amount is in SOL as a plain decimal (no exponent, a leading 0 below 1, at most 9 fraction digits — lamports are
/// exact); <c>reference</c> is a fresh 32-byte key (base58) per quote, which the payment transaction carries and the
/// watcher finds it by. Label and message are form-encoded as @solana/pay's encodeURL writes them (its URLSearchParams:
/// the WHATWG application/x-www-form-urlencoded rules), so the URI served is byte for byte the one encodeURL makes from the
/// same fields (below 100 000 SOL, where encodeURL's floating-point amount is still exact).
/// </summary>
public sealed record SolanaPayUri(string Recipient, BigInteger? Lamports, string Reference, string? Label, string? Message)
{
    public const int LamportDecimals = 9;

    public override string ToString()
    {
        var text = new StringBuilder("solana:").Append(Recipient);
        var separator = '?';
        void Add(string key, string value)
        {
            text.Append(separator).Append(key).Append('=').Append(value);
            separator = '&';
        }
        if (Lamports is { } lamports)
        {
            Add("amount", Sol(lamports));
        }
        Add("reference", Reference);
        if (!string.IsNullOrEmpty(Label))
        {
            Add("label", FormEncode(Label));
        }
        if (!string.IsNullOrEmpty(Message))
        {
            Add("message", FormEncode(Message));
        }
        return text.ToString();
    }

    /// <summary>UTF-8, space as '+', only alphanumerics and <c>*-._</c> as they are, every other byte %XX (upper-case hex).</summary>
    private static string FormEncode(string value)
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
                text.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return text.ToString();
    }

    /// <summary>Lamports as SOL text: "1.5", "0.000000001", "2".</summary>
    public static string Sol(BigInteger lamports)
    {
        if (lamports.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(lamports), "a Solana Pay amount is not negative");
        }
        var whole = BigInteger.DivRem(lamports, BigInteger.Pow(10, LamportDecimals), out var fraction);
        var fractionText = fraction.ToString(CultureInfo.InvariantCulture).PadLeft(LamportDecimals, '0').TrimEnd('0');
        return whole.ToString(CultureInfo.InvariantCulture) + (fractionText.Length > 0 ? "." + fractionText : "");
    }

    /// <summary>A fresh random reference key, base58.</summary>
    public static string NewReference() => Base58.Bitcoin.Encode(RandomNumberGenerator.GetBytes(32));

    /// <summary>True for base58 text of exactly 32 bytes (a public key or a reference).</summary>
    public static bool IsPublicKey(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 44)
        {
            return false;
        }
        try
        {
            return Base58.Bitcoin.Decode(text).Length == 32;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
