using StratosBridge.Chains.Solana.Pay;

namespace StratosBridge.Tests.Unit.Solana;

public sealed class SolanaPayAmountTests
{
    [Theory]
    [InlineData(0UL, "0")]
    [InlineData(1UL, "0.000000001")]
    [InlineData(1_000_000_000UL, "1")]
    [InlineData(1_500_000_000UL, "1.5")]
    [InlineData(250_000_000UL, "0.25")]
    [InlineData(10_000_000UL, "0.01")]
    [InlineData(123_456_789_012UL, "123.456789012")]
    [InlineData(ulong.MaxValue, "18446744073.709551615")]
    public void Lamports_format_as_the_shortest_decimal_and_parse_back(ulong lamports, string text)
    {
        Assert.Equal(text, SolanaPayAmount.Format(lamports));
        Assert.True(SolanaPayAmount.TryParse(text, out var parsed, out var error), error);
        Assert.Equal(lamports, parsed);
    }

    [Theory]
    [InlineData("1.000", 1_000_000_000UL)]
    [InlineData("007.5", 7_500_000_000UL)]
    [InlineData("0.100000000", 100_000_000UL)]
    public void Trailing_and_leading_zeros_are_accepted(string text, ulong lamports)
    {
        Assert.True(SolanaPayAmount.TryParse(text, out var parsed, out _));
        Assert.Equal(lamports, parsed);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData(".5", "not a decimal amount")]
    [InlineData("5.", "not a decimal amount")]
    [InlineData("-1", "not a decimal amount")]
    [InlineData("1e9", "not a decimal amount")]
    [InlineData("1,5", "not a decimal amount")]
    [InlineData(" 1", "not a decimal amount")]
    [InlineData("１", "not a decimal amount")] // a full-width digit is not an ASCII digit
    [InlineData("0.0000000001", "has 10 decimals; SOL has 9")]
    [InlineData("18446744073.709551616", "more lamports than a u64 holds")]
    [InlineData("99999999999999999999", "more lamports than a u64 holds")]
    public void Malformed_amounts_are_refused_with_the_reason(string text, string reason)
    {
        Assert.False(SolanaPayAmount.TryParse(text, out _, out var error));
        Assert.Contains(reason, error);
    }
}
