using System.Numerics;

namespace StratosBridge.Core.Ozone;

/// <summary>
/// Stratos' Ozone purchase formula, exactly as the chain evaluates it, and its exact inverse. Pure integer arithmetic.
/// <para>
/// x/register <c>CalculatePurchaseAmount</c> (and x/sds <c>simulatePurchaseNoz</c>, which <c>sim_prepay</c> serves):
/// <c>noz = Lt.ToLegacyDec().Mul(X.ToLegacyDec()).Quo((St + Pt + X).ToLegacyDec()).TruncateInt()</c>, where
/// Lt = remaining Ozone limit (noz), St = effective total deposit (wei), Pt = total unissued prepay (wei, the balance
/// of the <c>total_unissued_prepay</c> module account), X = the STOS prepaid (wei). <c>LegacyDec</c> keeps 18 fraction
/// digits: <c>Mul</c> is exact here (both factors are integers); <c>Quo</c> computes ⌊a·10^36 / b⌋ and rounds the last
/// 18 digits half-to-even; <c>TruncateInt</c> drops the fraction. So the result is ⌊Lt·X / (St+Pt+X)⌋, except that a
/// quotient whose fraction is within 0.5·10⁻¹⁸ of the next integer rounds up to it — <see cref="Noz"/> reproduces that.
/// </para>
/// <para>1 OZ = 10^9 noz. STOS amounts are in <c>wei</c> (18 decimals).</para>
/// </summary>
public static class OzonePurchase
{
    /// <summary>noz in one OZ.</summary>
    public static readonly BigInteger NozPerOzone = 1_000_000_000;

    /// <summary>The largest sdk.Int (256 bits): the chain refuses amounts beyond it.</summary>
    public static readonly BigInteger MaxChainInt = (BigInteger.One << 256) - 1;

    /// <summary>LegacyDec's bit limit (256 + 60 precision bits): a larger intermediate product makes the chain panic.</summary>
    private const int MaxDecBits = 316;

    private static readonly BigInteger Scale = ChainDecimal.Scale;
    private static readonly BigInteger ScaleSquared = Scale * Scale;
    private static readonly BigInteger HalfScale = Scale / 2;

    /// <summary>
    /// noz bought by prepaying <paramref name="wei"/> when the remaining Ozone limit is <paramref name="remainingNoz"/>
    /// (Lt) and St + Pt is <paramref name="depositAndPrepay"/>. Throws <see cref="ArgumentOutOfRangeException"/> for
    /// negative inputs or inputs beyond sdk.Int, <see cref="DivideByZeroException"/> when St + Pt + X is 0 and
    /// <see cref="OverflowException"/> where the chain's LegacyDec would overflow (it panics there).
    /// </summary>
    public static BigInteger Noz(BigInteger remainingNoz, BigInteger depositAndPrepay, BigInteger wei)
    {
        CheckAmount(remainingNoz, nameof(remainingNoz));
        CheckAmount(depositAndPrepay, nameof(depositAndPrepay));
        CheckAmount(wei, nameof(wei));
        var denominator = depositAndPrepay + wei;
        if (denominator.IsZero)
        {
            throw new DivideByZeroException("St + Pt + X is zero: the chain divides by zero");
        }
        var product = remainingNoz * wei; // Lt.ToLegacyDec().Mul(X.ToLegacyDec()) = Lt·X·10^18 exactly
        if ((product * Scale).GetBitLength() > MaxDecBits)
        {
            throw new OverflowException("Lt·X is beyond LegacyDec's range: the chain would panic");
        }
        // Quo: (Lt·X·10^18)·10^36 / ((St+Pt+X)·10^18), truncated, then the last 18 digits rounded half-to-even.
        var quotient = RoundHalfEven(product * ScaleSquared / denominator);
        return quotient / Scale; // TruncateInt
    }

    /// <summary>
    /// The least X (wei) such that <see cref="Noz"/>(Lt, St+Pt, X) ≥ <paramref name="wantedNoz"/>; paying X − 1 buys
    /// less. Null when no amount buys that much (<paramref name="wantedNoz"/> &gt; Lt) or when X would be beyond what
    /// the chain can compute.
    /// </summary>
    /// <remarks>
    /// Derivation: with N = wanted·10^18, the rounded quotient q satisfies q ≥ N exactly when the truncated
    /// ⌊Lt·X·10^36 / S⌋ ≥ N·10^18 − 5·10^17 (a tie at N − ½ rounds to the even N, and N is even), i.e. when
    /// Lt·X·10^36 ≥ T·(S0 + X) with T = wanted·10^36 − 5·10^17. Solving for X:
    /// X ≥ T·S0 / (Lt·10^36 − T), so X = ⌈T·S0 / D⌉ with D = (Lt − wanted)·10^36 + 5·10^17 &gt; 0.
    /// </remarks>
    public static BigInteger? WeiFor(BigInteger remainingNoz, BigInteger depositAndPrepay, BigInteger wantedNoz)
    {
        CheckAmount(remainingNoz, nameof(remainingNoz));
        CheckAmount(depositAndPrepay, nameof(depositAndPrepay));
        CheckAmount(wantedNoz, nameof(wantedNoz));
        if (wantedNoz.IsZero)
        {
            return depositAndPrepay.IsZero ? BigInteger.One : BigInteger.Zero; // (0 wei with St+Pt = 0 divides by zero on chain)
        }
        if (wantedNoz > remainingNoz)
        {
            return null;
        }
        if (depositAndPrepay.IsZero)
        {
            return BigInteger.One; // any X > 0 buys Lt·X/X = Lt
        }
        var target = wantedNoz * ScaleSquared - HalfScale;
        var room = (remainingNoz - wantedNoz) * ScaleSquared + HalfScale;
        var wei = CeilDiv(target * depositAndPrepay, room);
        if (wei > MaxChainInt || (remainingNoz * wei * Scale).GetBitLength() > MaxDecBits)
        {
            return null;
        }
        return wei;
    }

    /// <summary>The chain's <c>noz_price</c>: (St + Pt) / Lt as a LegacyDec (wei per noz). Throws when Lt is 0.</summary>
    public static ChainDecimal NozPrice(BigInteger depositAndPrepay, BigInteger remainingNoz)
    {
        CheckAmount(depositAndPrepay, nameof(depositAndPrepay));
        CheckAmount(remainingNoz, nameof(remainingNoz));
        if (remainingNoz.IsZero)
        {
            throw new DivideByZeroException("Lt is zero: the chain divides by zero");
        }
        return new ChainDecimal(RoundHalfEven(depositAndPrepay * ScaleSquared / remainingNoz));
    }

    /// <summary>
    /// Every St + Pt that the chain's <c>noz_price</c> maps to <paramref name="price"/> for remaining limit
    /// <paramref name="remainingNoz"/>: the closed range [Low, High]. Null when no value gives that price
    /// (the two answers cannot both be true of one chain state).
    /// </summary>
    public static (BigInteger Low, BigInteger High)? DepositAndPrepayFor(ChainDecimal price, BigInteger remainingNoz)
    {
        CheckAmount(remainingNoz, nameof(remainingNoz));
        if (remainingNoz.IsZero || price.Raw.Sign < 0)
        {
            return null;
        }
        // NozPrice is non-decreasing in St+Pt, and within ±1 of price·Lt/10^18 for the matching values.
        var estimate = price.Raw * remainingNoz / Scale;
        var slack = 2 * (remainingNoz / Scale) + 2;
        var from = BigInteger.Max(BigInteger.Zero, estimate - slack);
        var to = estimate + slack;
        var low = LeastAtLeast(from, to, s => NozPrice(s, remainingNoz).Raw >= price.Raw);
        var beyond = LeastAtLeast(from, to + 1, s => NozPrice(s, remainingNoz).Raw > price.Raw);
        if (low is not { } lo || beyond is not { } hi || hi <= lo)
        {
            return null;
        }
        return (lo, hi - 1);
    }

    /// <summary>The least value in [from, to] for which a monotone predicate holds; null when it holds nowhere there.</summary>
    public static BigInteger? LeastAtLeast(BigInteger from, BigInteger to, Func<BigInteger, bool> holds)
    {
        ArgumentNullException.ThrowIfNull(holds);
        if (from > to || !holds(to))
        {
            return null;
        }
        while (from < to)
        {
            var mid = from + (to - from) / 2;
            if (holds(mid))
            {
                to = mid;
            }
            else
            {
                from = mid + 1;
            }
        }
        return from;
    }

    /// <summary>Removes 18 digits, rounding half to even (LegacyDec's <c>chopPrecisionAndRound</c> for non-negative values).</summary>
    private static BigInteger RoundHalfEven(BigInteger value)
    {
        var quotient = BigInteger.DivRem(value, Scale, out var remainder);
        var compare = remainder.CompareTo(HalfScale);
        return compare > 0 || (compare == 0 && !quotient.IsEven) ? quotient + 1 : quotient;
    }

    private static BigInteger CeilDiv(BigInteger numerator, BigInteger denominator) =>
        (numerator + denominator - 1) / denominator;

    private static void CheckAmount(BigInteger value, string name)
    {
        if (value.Sign < 0 || value > MaxChainInt)
        {
            throw new ArgumentOutOfRangeException(name, value, "must be a non-negative sdk.Int (below 2^256)");
        }
    }
}
