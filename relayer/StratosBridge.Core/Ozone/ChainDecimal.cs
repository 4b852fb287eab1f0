using System.Globalization;
using System.Numerics;

namespace StratosBridge.Core.Ozone;

/// <summary>
/// A Cosmos SDK <c>LegacyDec</c> value: an integer <see cref="Raw"/> scaled by 10^18. Stratos' REST answers carry these
/// as decimal strings with 18 fraction digits (<c>"1000000.000000000000000000"</c>); parsing and printing are exact.
/// </summary>
public readonly record struct ChainDecimal(BigInteger Raw)
{
    /// <summary>Fraction digits of a LegacyDec.</summary>
    public const int Precision = 18;

    /// <summary>10^18, the scale of <see cref="Raw"/>.</summary>
    public static readonly BigInteger Scale = BigInteger.Pow(10, Precision);

    public static ChainDecimal FromInteger(BigInteger value) => new(value * Scale);

    /// <summary>Parses "123", "123.4" or "123.456000000000000000" (at most 18 fraction digits, optional leading '-').</summary>
    public static ChainDecimal Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"'{text}' is not a LegacyDec (at most {Precision} fraction digits)");

    public static bool TryParse(string? text, out ChainDecimal value)
    {
        value = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        var negative = text[0] == '-';
        var body = negative ? text[1..] : text;
        var point = body.IndexOf('.');
        var whole = point < 0 ? body : body[..point];
        var fraction = point < 0 ? "" : body[(point + 1)..];
        if (whole.Length == 0 || (point >= 0 && fraction.Length == 0) || fraction.Length > Precision
            || !whole.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit))
        {
            return false;
        }
        var raw = BigInteger.Parse(whole + fraction.PadRight(Precision, '0'), NumberStyles.None, CultureInfo.InvariantCulture);
        value = new ChainDecimal(negative ? -raw : raw);
        return true;
    }

    /// <summary>The chain's own format: always 18 fraction digits.</summary>
    public override string ToString()
    {
        var digits = BigInteger.Abs(Raw).ToString(CultureInfo.InvariantCulture).PadLeft(Precision + 1, '0');
        return (Raw.Sign < 0 ? "-" : "") + digits[..^Precision] + "." + digits[^Precision..];
    }
}
