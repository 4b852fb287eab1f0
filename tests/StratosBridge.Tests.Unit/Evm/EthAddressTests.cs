using StratosBridge.Chains.Evm;

namespace StratosBridge.Tests.Unit.Evm;

public class EthAddressTests
{
    // EIP-55's own examples: all-caps, all-lower and mixed checksums.
    [Theory]
    [InlineData("0x52908400098527886E0F7030069857D2E4169EE7")]
    [InlineData("0x8617E340B3D01FA5F11F306F4090FD50E238070D")]
    [InlineData("0xde709f2102306220921060314715629080e2fb77")]
    [InlineData("0x27b1fdb04752bbc536007a920d24acb045561c26")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    [InlineData("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359")]
    [InlineData("0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB")]
    [InlineData("0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb")]
    public void Formats_the_eip55_examples_exactly(string checksummed)
    {
        var fromLower = EthAddress.Parse(checksummed.ToLowerInvariant());
        Assert.Equal(checksummed, fromLower.ToString());
        Assert.Equal(fromLower, EthAddress.Parse(checksummed, requireChecksum: true));
    }

    [Fact]
    public void Mixed_case_with_a_wrong_checksum_is_refused()
    {
        const string good = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
        var bad = "0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
        Assert.True(EthAddress.TryParse(good, out _));
        Assert.False(EthAddress.TryParse(bad, out _));
        Assert.Throws<FormatException>(() => EthAddress.Parse(bad));
    }

    [Fact]
    public void Unchecksummed_forms_are_accepted_unless_a_checksum_is_required()
    {
        const string lower = "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed";
        Assert.Equal("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", EthAddress.Parse(lower).ToString());
        Assert.Equal(EthAddress.Parse(lower), EthAddress.Parse(lower.ToUpperInvariant().Replace("0X", "0x")));
        Assert.False(EthAddress.TryParse(lower, out _, requireChecksum: true));
    }

    [Theory]
    [InlineData("")]
    [InlineData("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1bea")]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed00")]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg")]
    [InlineData("0X5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")]
    public void Malformed_text_is_refused(string text) => Assert.False(EthAddress.TryParse(text, out _));

    [Fact]
    public void Default_is_the_zero_address_and_equal_to_parsed_zero()
    {
        Assert.Equal("0x0000000000000000000000000000000000000000", default(EthAddress).ToString());
        Assert.Equal(default, EthAddress.Parse("0x0000000000000000000000000000000000000000"));
        Assert.Equal(EthAddress.Zero.GetHashCode(), EthAddress.Parse("0x0000000000000000000000000000000000000000").GetHashCode());
    }

    [Fact]
    public void Lower_hex_is_what_nodes_print() =>
        Assert.Equal("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
            EthAddress.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed").ToLowerHex());
}
