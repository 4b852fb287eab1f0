using System.Numerics;
using StratosBridge.Core.Ozone;
using StratosBridge.TestKit.Stratos;

namespace StratosBridge.Tests.Unit.Ozone;

public class ChainDecimalTests
{
    [Theory]
    [InlineData("1000000.000000000000000000", "1000000000000000000000000")]
    [InlineData("0.000000000000000001", "1")]
    [InlineData("12.5", "12500000000000000000")]
    [InlineData("7", "7000000000000000000")]
    [InlineData("-0.5", "-500000000000000000")]
    public void Parses_exactly(string text, string raw) =>
        Assert.Equal(BigInteger.Parse(raw), ChainDecimal.Parse(text).Raw);

    [Theory]
    [InlineData("")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("1.0000000000000000001")] // 19 fraction digits
    [InlineData("1e6")]
    [InlineData("1,5")]
    public void Refuses_what_a_LegacyDec_string_cannot_be(string text) => Assert.False(ChainDecimal.TryParse(text, out _));

    [Fact]
    public void Prints_like_the_chain()
    {
        var random = new Random(18);
        for (var i = 0; i < 500; i++)
        {
            var raw = new BigInteger(random.NextInt64()) * random.Next(1, 1000) * (random.Next(2) == 0 ? -1 : 1);
            Assert.Equal(LegacyDecReference.Format(raw), new ChainDecimal(raw).ToString());
            Assert.Equal(raw, ChainDecimal.Parse(new ChainDecimal(raw).ToString()).Raw);
        }
    }
}
