using System.Numerics;
using StratosBridge.Chains.Evm;

namespace StratosBridge.Tests.Unit.Evm;

public class HexTests
{
    [Theory]
    [InlineData("0x", new byte[0])]
    [InlineData("0x00ff10", new byte[] { 0x00, 0xff, 0x10 })]
    [InlineData("00FF10", new byte[] { 0x00, 0xff, 0x10 })]
    [InlineData("0XaB", new byte[] { 0xab })]
    public void Decode_accepts_even_length_hex_with_or_without_prefix(string text, byte[] expected) =>
        Assert.Equal(expected, Hex.Decode(text));

    [Theory]
    [InlineData("0x1")]
    [InlineData("0xzz")]
    [InlineData("0x 1")]
    [InlineData("x12")]
    public void Decode_refuses_odd_length_or_non_hex(string text) =>
        Assert.Throws<FormatException>(() => Hex.Decode(text));

    [Fact]
    public void Encode_is_lowercase_and_prefixed() =>
        Assert.Equal("0x00abff", Hex.Encode([0x00, 0xab, 0xff]));

    [Theory]
    [InlineData(0, "0x0")]
    [InlineData(26, "0x1a")]
    [InlineData(256, "0x100")]
    public void Quantities_have_no_leading_zeros(int value, string expected)
    {
        Assert.Equal(expected, Hex.EncodeQuantity(value));
        Assert.Equal(new BigInteger(value), Hex.DecodeQuantity(expected));
    }

    [Theory]
    [InlineData("0x")]
    [InlineData("0x01")]
    [InlineData("1a")]
    [InlineData("0xg")]
    public void DecodeQuantity_refuses_malformed_quantities(string text) =>
        Assert.Throws<FormatException>(() => Hex.DecodeQuantity(text));

    [Fact]
    public void Uint256_max_round_trips_as_a_quantity()
    {
        var max = (BigInteger.One << 256) - 1;
        Assert.Equal(max, Hex.DecodeQuantity(Hex.EncodeQuantity(max)));
    }
}
