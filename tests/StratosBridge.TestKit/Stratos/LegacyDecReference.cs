using System.Numerics;

namespace StratosBridge.TestKit.Stratos;

/// <summary>
/// An independent, literal port of the Cosmos SDK <c>LegacyDec</c> operations Stratos' Ozone queries use
/// (cosmossdk.io/math v1.3.0: <c>ToLegacyDec</c>, <c>Mul</c>, <c>Quo</c>, <c>TruncateInt</c>, <c>chopPrecisionAndRound</c>),
/// step by step as the Go code does them, for non-negative values. The fake Stratos REST answers with it, and tests use
/// it as the reference the production formula is checked against.
/// </summary>
public static class LegacyDecReference
{
    private static readonly BigInteger PrecisionReuse = BigInteger.Pow(10, 18);
    private static readonly BigInteger FivePrecision = PrecisionReuse / 2;
    private static readonly BigInteger SquaredPrecisionReuse = PrecisionReuse * PrecisionReuse;

    /// <summary>Int.ToLegacyDec(): i · 10^18.</summary>
    public static BigInteger FromInt(BigInteger i) => i * PrecisionReuse;

    /// <summary>LegacyDec.Mul: d.i · d2.i, then chopPrecisionAndRound.</summary>
    public static BigInteger Mul(BigInteger d, BigInteger d2) => ChopPrecisionAndRound(d * d2);

    /// <summary>LegacyDec.Quo: d.i · 10^36, big.Int Quo (truncated) by d2.i, then chopPrecisionAndRound.</summary>
    public static BigInteger Quo(BigInteger d, BigInteger d2) => ChopPrecisionAndRound(BigInteger.Divide(d * SquaredPrecisionReuse, d2));

    /// <summary>LegacyDec.TruncateInt: chopPrecisionAndTruncate.</summary>
    public static BigInteger TruncateInt(BigInteger d) => BigInteger.Divide(d, PrecisionReuse);

    /// <summary>chopPrecisionAndRound: drop 18 digits, banker's rounding on the remainder.</summary>
    public static BigInteger ChopPrecisionAndRound(BigInteger d)
    {
        var quo = BigInteger.DivRem(d, PrecisionReuse, out var rem);
        if (rem.IsZero)
        {
            return quo;
        }
        return rem.CompareTo(FivePrecision) switch
        {
            < 0 => quo,
            > 0 => quo + 1,
            _ => quo.IsEven ? quo : quo + 1,
        };
    }

    /// <summary>x/sds simulatePurchaseNoz: Lt.ToLegacyDec().Mul(X.ToLegacyDec()).Quo((St+Pt+X).ToLegacyDec()).TruncateInt().</summary>
    public static BigInteger PurchaseNoz(BigInteger lt, BigInteger st, BigInteger pt, BigInteger x) =>
        TruncateInt(Quo(Mul(FromInt(lt), FromInt(x)), FromInt(st + pt + x)));

    /// <summary>x/pot GetCurrentNozPrice: (St+Pt).ToLegacyDec().Quo(Lt.ToLegacyDec()), as the raw LegacyDec integer.</summary>
    public static BigInteger NozPrice(BigInteger st, BigInteger pt, BigInteger lt) => Quo(FromInt(st + pt), FromInt(lt));

    /// <summary>LegacyDec.String(): 18 fraction digits always.</summary>
    public static string Format(BigInteger raw)
    {
        var digits = BigInteger.Abs(raw).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(19, '0');
        return (raw.Sign < 0 ? "-" : "") + digits[..^18] + "." + digits[^18..];
    }
}
