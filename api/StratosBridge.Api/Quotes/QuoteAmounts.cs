using System.Globalization;
using System.Numerics;
using StratosBridge.Core.Ozone;

namespace StratosBridge.Api.Quotes;

/// <summary>Exact text forms of amounts: base units as whole units ("0.0123"), noz as OZ (and as GB), and OZ text back to noz.</summary>
public static class QuoteAmounts
{
    /// <summary><paramref name="baseUnits"/> / 10^decimals as a plain decimal, trailing zeros dropped.</summary>
    public static string Units(BigInteger baseUnits, int decimals)
    {
        var whole = BigInteger.DivRem(BigInteger.Abs(baseUnits), BigInteger.Pow(10, decimals), out var fraction);
        var fractionText = decimals == 0 ? "" : fraction.ToString(CultureInfo.InvariantCulture).PadLeft(decimals, '0').TrimEnd('0');
        return (baseUnits.Sign < 0 ? "-" : "") + whole.ToString(CultureInfo.InvariantCulture) + (fractionText.Length > 0 ? "." + fractionText : "");
    }

    public static string Oz(BigInteger noz) => Units(noz, 9);

    /// <summary>
    /// <paramref name="noz"/> as GB of storage traffic at <paramref name="nozPerGb"/>, at most 3 decimals, rounded down
    /// ("0.5"); null when no rate is configured (0).
    /// </summary>
    public static string? Gb(BigInteger noz, long nozPerGb) =>
        nozPerGb <= 0 ? null : Units(noz * 1000 / nozPerGb, 3);

    /// <summary>Parses a whole, positive noz amount ("1500000000").</summary>
    public static bool TryParseNoz(string text, out BigInteger noz) =>
        BigInteger.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out noz)
        && noz.Sign > 0 && noz <= OzonePurchase.MaxChainInt;

    /// <summary>Parses a positive OZ amount with at most 9 decimals ("1.5") into noz.</summary>
    public static bool TryParseOz(string text, out BigInteger noz)
    {
        noz = default;
        var trimmed = text.Trim();
        var point = trimmed.IndexOf('.');
        var whole = point < 0 ? trimmed : trimmed[..point];
        var fraction = point < 0 ? "" : trimmed[(point + 1)..];
        if (whole.Length == 0 || whole.Length > 60 || (point >= 0 && fraction.Length == 0) || fraction.Length > 9
            || !whole.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit))
        {
            return false;
        }
        noz = BigInteger.Parse(whole + fraction.PadRight(9, '0'), NumberStyles.None, CultureInfo.InvariantCulture);
        return noz.Sign > 0 && noz <= OzonePurchase.MaxChainInt;
    }
}
