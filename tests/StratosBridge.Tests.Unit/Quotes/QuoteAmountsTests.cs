using System.Numerics;
using StratosBridge.Api.Quotes;

namespace StratosBridge.Tests.Unit.Quotes;

public sealed class QuoteAmountsTests
{
    [Theory]
    [InlineData("1000000000", 1_000_000_000, "1")]
    [InlineData("1500000000", 1_000_000_000, "1.5")]
    [InlineData("1000000000", 3_000_000_000, "0.333")] // rounded down, at most 3 decimals
    [InlineData("999", 1_000_000_000, "0")]
    [InlineData("2000000000000", 1_000_000, "2000000")]
    public void Noz_is_shown_as_GB_at_the_configured_rate(string noz, long nozPerGb, string gb) =>
        Assert.Equal(gb, QuoteAmounts.Gb(BigInteger.Parse(noz, System.Globalization.CultureInfo.InvariantCulture), nozPerGb));

    [Fact]
    public void No_rate_shows_no_GB() => Assert.Null(QuoteAmounts.Gb(1_000_000_000, 0));
}
