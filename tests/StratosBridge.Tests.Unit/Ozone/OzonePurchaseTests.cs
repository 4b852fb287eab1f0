using System.Numerics;
using StratosBridge.Core.Ozone;
using StratosBridge.TestKit.Stratos;

namespace StratosBridge.Tests.Unit.Ozone;

/// <summary>
/// The purchase formula against a literal port of the chain's LegacyDec arithmetic (TestKit's LegacyDecReference), and
/// its inverse against brute force and against the reference's own monotone search.
/// </summary>
public class OzonePurchaseTests
{
    private static readonly BigInteger E18 = BigInteger.Pow(10, 18);

    /// <summary>Chain-shaped values: Lt in noz, St + Pt and X in wei, biased to small, realistic and boundary magnitudes.</summary>
    private static BigInteger Amount(Random random, int maxDigits)
    {
        return random.Next(10) switch
        {
            0 => BigInteger.Zero,
            1 => BigInteger.One,
            2 => BigInteger.Pow(10, random.Next(0, maxDigits + 1)),
            3 => BigInteger.Pow(10, random.Next(1, maxDigits + 1)) - 1,
            _ => Digits(random, random.Next(1, maxDigits + 1)),
        };
    }

    private static BigInteger Digits(Random random, int count)
    {
        var text = new char[count];
        for (var i = 0; i < count; i++)
        {
            text[i] = (char)('0' + random.Next(i == 0 ? 1 : 0, 10));
        }
        return BigInteger.Parse(new string(text), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Noz_matches_the_chains_LegacyDec_arithmetic_on_generated_inputs()
    {
        var random = new Random(681);
        var checkedCases = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var lt = Amount(random, 24);
            var st = Amount(random, 28);
            var pt = Amount(random, 27);
            var x = Amount(random, 28);
            if (st + pt + x == 0)
            {
                continue;
            }
            Assert.Equal(LegacyDecReference.PurchaseNoz(lt, st, pt, x), OzonePurchase.Noz(lt, st + pt, x));
            checkedCases++;
        }
        Assert.True(checkedCases > 18_000);
    }

    [Fact]
    public void Noz_is_the_floor_except_where_the_chain_rounds_a_fraction_within_half_an_attometre_of_one_up()
    {
        // Lt·X = S − 1 with S > 2·10^18: the exact quotient is 1 − 1/S, whose last 18 digits round up to 1.
        var s = E18 * 10 + 7;
        var lt = s - 1;
        var x = BigInteger.One;
        var s0 = s - x;

        Assert.Equal(BigInteger.Zero, lt * x / s);
        Assert.Equal(BigInteger.One, OzonePurchase.Noz(lt, s0, x));
        Assert.Equal(BigInteger.One, LegacyDecReference.PurchaseNoz(lt, s0, 0, x));
        // …and below 2·10^18 the same shape stays at the floor
        var small = E18 + 3;
        Assert.Equal(BigInteger.Zero, OzonePurchase.Noz(small - 1, small - 1, 1));
        Assert.Equal(BigInteger.Zero, LegacyDecReference.PurchaseNoz(small - 1, small - 1, 0, 1));
    }

    [Fact]
    public void The_inverse_equals_brute_force_on_small_states()
    {
        for (var lt = 0; lt <= 60; lt++)
        {
            for (var s0 = 0; s0 <= 60; s0 += 3)
            {
                for (var wanted = 0; wanted <= lt + 1; wanted++)
                {
                    if (wanted == lt && wanted > 0 && s0 > 0)
                    {
                        // buying the whole remaining limit takes ~2·10^18·Lt·S wei: too far to walk, check it is the least
                        var all = OzonePurchase.WeiFor(lt, s0, wanted)!.Value;
                        Assert.True(LegacyDecReference.PurchaseNoz(lt, s0, 0, all) >= wanted);
                        Assert.True(LegacyDecReference.PurchaseNoz(lt, s0, 0, all - 1) < wanted);
                        continue;
                    }
                    var expected = BruteForce(lt, s0, wanted, limit: 5_000);
                    Assert.Equal(expected, OzonePurchase.WeiFor(lt, s0, wanted));
                }
            }
        }
    }

    [Fact]
    public void The_inverse_is_the_least_amount_that_buys_the_wanted_noz_on_generated_large_states()
    {
        var random = new Random(2048);
        for (var i = 0; i < 5_000; i++)
        {
            var lt = Amount(random, 22) + 1;
            var s0 = Amount(random, 28);
            var wanted = random.Next(4) == 0 ? lt : BigInteger.Remainder(Digits(random, random.Next(1, 22)), lt) + 1;
            var x = OzonePurchase.WeiFor(lt, s0, wanted);
            if (x is not { } wei)
            {
                Assert.True(wanted == lt || s0.IsZero, $"no amount for {wanted} of {lt} at S={s0}");
                continue;
            }
            // never in the buyer's disfavour: X buys at least what was asked, and one wei less does not
            Assert.True(LegacyDecReference.PurchaseNoz(lt, s0, 0, wei) >= wanted, $"X={wei} buys less than {wanted} (Lt={lt}, S={s0})");
            if (wei > 0 && s0 + wei - 1 > 0)
            {
                Assert.True(LegacyDecReference.PurchaseNoz(lt, s0, 0, wei - 1) < wanted, $"X−1={wei - 1} already buys {wanted} (Lt={lt}, S={s0})");
            }
        }
    }

    [Fact]
    public void Realistic_purchases_cost_the_expected_stos()
    {
        // 10^8 STOS of deposits and prepay, 10^20 noz left: 10^6 wei per noz, so 1 OZ costs just over 10^15 wei (0.001 STOS).
        var s0 = BigInteger.Pow(10, 26);
        var lt = BigInteger.Pow(10, 20);
        var x = OzonePurchase.WeiFor(lt, s0, OzonePurchase.NozPerOzone)!.Value;

        Assert.Equal(BigInteger.Parse("1000000000010001"), x);
        Assert.Equal(OzonePurchase.NozPerOzone, OzonePurchase.Noz(lt, s0, x));
        Assert.Equal(OzonePurchase.NozPerOzone - 1, OzonePurchase.Noz(lt, s0, x - 1));
    }

    [Fact]
    public void More_than_the_remaining_limit_cannot_be_bought()
    {
        Assert.Null(OzonePurchase.WeiFor(1000, 5000, 1001));
        Assert.NotNull(OzonePurchase.WeiFor(1000, 5000, 1000));
        Assert.Equal(BigInteger.Zero, OzonePurchase.WeiFor(1000, 5000, 0));
    }

    [Fact]
    public void Inputs_the_chain_cannot_take_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OzonePurchase.Noz(-1, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => OzonePurchase.Noz(1, BigInteger.One << 256, 1));
        Assert.Throws<DivideByZeroException>(() => OzonePurchase.Noz(5, 0, 0));
        Assert.Throws<OverflowException>(() => OzonePurchase.Noz(BigInteger.One << 200, 1, BigInteger.One << 100));
    }

    [Fact]
    public void Noz_price_matches_the_chain_and_its_preimage_range_is_exact()
    {
        var random = new Random(1317);
        for (var i = 0; i < 2_000; i++)
        {
            var lt = Amount(random, 22) + 1;
            var s0 = Amount(random, 28);
            var price = OzonePurchase.NozPrice(s0, lt);
            Assert.Equal(LegacyDecReference.NozPrice(s0, 0, lt), price.Raw);

            var (low, high) = OzonePurchase.DepositAndPrepayFor(price, lt)!.Value;
            Assert.InRange(s0, low, high);
            Assert.Equal(price, OzonePurchase.NozPrice(low, lt));
            Assert.Equal(price, OzonePurchase.NozPrice(high, lt));
            Assert.NotEqual(price, OzonePurchase.NozPrice(high + 1, lt));
            if (low > 0)
            {
                Assert.NotEqual(price, OzonePurchase.NozPrice(low - 1, lt));
            }
        }
    }

    [Fact]
    public void A_price_no_state_can_give_has_no_preimage()
    {
        // With Lt = 3, prices step by 10^18/3; 0.1 wei/noz is not one of them.
        Assert.Null(OzonePurchase.DepositAndPrepayFor(ChainDecimal.Parse("0.1"), 3));
        Assert.Null(OzonePurchase.DepositAndPrepayFor(ChainDecimal.Parse("1"), 0));
    }

    private static BigInteger? BruteForce(BigInteger lt, BigInteger s0, BigInteger wanted, int limit)
    {
        for (var x = 0; x <= limit; x++)
        {
            if (s0 + x == 0)
            {
                continue;
            }
            if (LegacyDecReference.PurchaseNoz(lt, s0, 0, x) >= wanted)
            {
                return x;
            }
        }
        return null;
    }
}
