using System.Numerics;
using StratosBridge.Pricing.Quotes;

namespace StratosBridge.Tests.Unit.Pricing;

/// <summary>Amounts due computed by hand for fixed rates.</summary>
public class ExactAmountTests
{
    private static readonly BigInteger Stos = BigInteger.Pow(10, 18);

    [Fact]
    public void One_stos_at_2_usd_paid_in_an_asset_at_4_usd_without_spread_is_half_a_unit_exactly()
    {
        Assert.Equal(Stos / 2, ExactAmount.AmountDue(Stos, 2m, 4m, 0m, 18));
    }

    [Fact]
    public void The_spread_is_added_and_the_last_base_unit_rounds_up()
    {
        // 0.001 STOS × 0.25 USD × 1.01 ÷ 3000 USD/ETH = 8.41666…·10^-8 ETH = 84 166 666 666.67 wei → 84 166 666 667
        Assert.Equal(BigInteger.Parse("84166666667"), ExactAmount.AmountDue(Stos / 1000, 0.25m, 3000m, 1m, 18));
        // 1 STOS × 0.25 × 1.01 ÷ 150 SOL = 0.00168333… SOL = 1 683 333.33 lamports → 1 683 334
        Assert.Equal(new BigInteger(1_683_334), ExactAmount.AmountDue(Stos, 0.25m, 150m, 1m, 9));
        // 3 STOS × 0.25 × 1.01 = 0.7575 USD = 75.75 cents → 76
        Assert.Equal(new BigInteger(76), ExactAmount.AmountDue(3 * Stos, 0.25m, 1m, 1m, 2));
        // 3 STOS × 1 USD, no spread = 300 cents exactly: nothing to round
        Assert.Equal(new BigInteger(300), ExactAmount.AmountDue(3 * Stos, 1m, 1m, 0m, 2));
    }

    [Fact]
    public void Rounding_up_never_undercharges_and_never_overcharges_by_a_whole_unit()
    {
        var random = new Random(99);
        for (var i = 0; i < 5000; i++)
        {
            var wei = new BigInteger(random.NextInt64(1, long.MaxValue)) * random.Next(1, 1000);
            var stosUsd = Math.Round((decimal)random.NextDouble() * 10 + 0.0001m, 6);
            var assetUsd = Math.Round((decimal)random.NextDouble() * 5000 + 0.01m, 4);
            var spread = Math.Round((decimal)random.NextDouble() * 3, 2);
            var decimals = random.Next(0, 19);

            var due = ExactAmount.AmountDue(wei, stosUsd, assetUsd, spread, decimals);

            // exact value v = wei·stosUsd·(1 + spread/100)·10^decimals / (10^18·assetUsd); due − 1 < v ≤ due
            var (sn, sd) = ExactAmount.Fraction(stosUsd);
            var (an, ad) = ExactAmount.Fraction(assetUsd);
            var (pn, pd) = ExactAmount.Fraction(spread);
            var numerator = wei * sn * (100 * pd + pn) * ad * BigInteger.Pow(10, decimals);
            var denominator = BigInteger.Pow(10, 18) * sd * 100 * pd * an;
            Assert.True(due * denominator >= numerator, "undercharged");
            Assert.True((due - 1) * denominator < numerator, "overcharged by a whole base unit");
        }
    }

    [Theory]
    [InlineData("0.25", "25", "100")]
    [InlineData("3000", "3000", "1")]
    [InlineData("-1.5", "-15", "10")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335", "1")]
    [InlineData("0.0000000000000000000000000001", "1", "10000000000000000000000000000")]
    public void Decimals_become_exact_fractions(string value, string numerator, string denominator)
    {
        var (n, d) = ExactAmount.Fraction(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(BigInteger.Parse(numerator), n);
        Assert.Equal(BigInteger.Parse(denominator), d);
    }

    [Fact]
    public void Stos_for_a_payment_is_the_exact_inverse_rounded_down()
    {
        // 0.5 ETH at 3000 USD = 1500 USD; at 0.25 USD/STOS with 1 % spread: 1500 ÷ 0.2525 = 5940.594059… STOS
        Assert.Equal(BigInteger.Parse("5940594059405940594059"), ExactAmount.StosWeiFor(Stos / 2, 0.25m, 3000m, 1m, 18));
        // 76 cents at 0.25 USD/STOS, 1 % spread: 0.76 ÷ 0.2525 = 3.00990099… STOS
        Assert.Equal(BigInteger.Parse("3009900990099009900"), ExactAmount.StosWeiFor(76, 0.25m, 1m, 1m, 2));
        Assert.Equal(BigInteger.Zero, ExactAmount.StosWeiFor(0, 0.25m, 3000m, 1m, 18));
    }

    [Fact]
    public void Paying_the_amount_due_buys_at_least_the_quoted_stos_and_less_than_one_base_unit_more()
    {
        var random = new Random(7);
        for (var i = 0; i < 5000; i++)
        {
            var wei = new BigInteger(random.NextInt64(1, long.MaxValue)) * random.Next(1, 1000);
            var stosUsd = Math.Round((decimal)random.NextDouble() * 10 + 0.0001m, 6);
            var assetUsd = Math.Round((decimal)random.NextDouble() * 5000 + 0.01m, 4);
            var spread = Math.Round((decimal)random.NextDouble() * 3, 2);
            var decimals = random.Next(0, 19);
            var due = ExactAmount.AmountDue(wei, stosUsd, assetUsd, spread, decimals);
            Assert.True(ExactAmount.StosWeiFor(due, stosUsd, assetUsd, spread, decimals) >= wei);
            Assert.True(ExactAmount.StosWeiFor(due - 1, stosUsd, assetUsd, spread, decimals) < wei);
        }
    }
}
