using System.Numerics;

namespace StratosBridge.Pricing.Quotes;

/// <summary>
/// Exact rational arithmetic for amounts due: decimals become fractions of integers (no rounding at all), and the one
/// rounding is an explicit ceiling at the end, in the payer-pays direction.
/// </summary>
public static class ExactAmount
{
    /// <summary>The exact value of a decimal as numerator / 10^scale.</summary>
    public static (BigInteger Numerator, BigInteger Denominator) Fraction(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var mantissa = (new BigInteger((uint)bits[2]) << 64) | (new BigInteger((uint)bits[1]) << 32) | new BigInteger((uint)bits[0]);
        var scale = (bits[3] >> 16) & 0xff;
        var negative = bits[3] < 0;
        return (negative ? -mantissa : mantissa, BigInteger.Pow(10, scale));
    }

    /// <summary>⌈a / b⌉ for a ≥ 0, b &gt; 0.</summary>
    public static BigInteger CeilDiv(BigInteger numerator, BigInteger denominator)
    {
        if (numerator.Sign < 0 || denominator.Sign <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(numerator), "expects a ≥ 0 and b > 0");
        }
        return (numerator + denominator - 1) / denominator;
    }

    /// <summary>
    /// The amount due in the pay asset's base units for <paramref name="stosWei"/> of STOS:
    /// ⌈ stosWei / 10^18 × stosUsd × (1 + spreadPercent / 100) ÷ assetUsd × 10^decimals ⌉, computed exactly.
    /// </summary>
    public static BigInteger AmountDue(BigInteger stosWei, decimal stosUsd, decimal assetUsd, decimal spreadPercent, int assetDecimals)
    {
        if (stosWei.Sign < 0 || stosUsd <= 0 || assetUsd <= 0 || spreadPercent < 0 || assetDecimals < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(stosWei), "amounts and prices must be positive, the spread non-negative");
        }
        var (sn, sd) = Fraction(stosUsd);
        var (an, ad) = Fraction(assetUsd);
        var (pn, pd) = Fraction(spreadPercent);
        // stosWei/1e18 · sn/sd · (100·pd + pn)/(100·pd) · ad/an · 10^decimals
        var numerator = stosWei * sn * (100 * pd + pn) * ad * BigInteger.Pow(10, assetDecimals);
        var denominator = BigInteger.Pow(10, 18) * sd * 100 * pd * an;
        return CeilDiv(numerator, denominator);
    }

    /// <summary>
    /// The inverse, rounded down (against the buyer of STOS, never over-crediting): the STOS wei that
    /// <paramref name="paid"/> base units buy at the given rates and spread,
    /// ⌊ paid / 10^decimals × assetUsd ÷ (stosUsd × (1 + spreadPercent / 100)) × 10^18 ⌋, computed exactly.
    /// </summary>
    public static BigInteger StosWeiFor(BigInteger paid, decimal stosUsd, decimal assetUsd, decimal spreadPercent, int assetDecimals)
    {
        if (paid.Sign < 0 || stosUsd <= 0 || assetUsd <= 0 || spreadPercent < 0 || assetDecimals < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(paid), "amounts and prices must be positive, the spread non-negative");
        }
        var (sn, sd) = Fraction(stosUsd);
        var (an, ad) = Fraction(assetUsd);
        var (pn, pd) = Fraction(spreadPercent);
        // paid/10^decimals · an/ad · sd/sn · 100·pd/(100·pd + pn) · 10^18
        var numerator = paid * an * sd * 100 * pd * BigInteger.Pow(10, 18);
        var denominator = BigInteger.Pow(10, assetDecimals) * ad * sn * (100 * pd + pn);
        return numerator / denominator;
    }
}
