using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Stratos;
using StratosBridge.Core.Addresses;

namespace StratosBridge.Tests.Unit.Addresses;

public class StratosAddressTests
{
    private const string Checksummed = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"; // EIP-55's own example

    [Fact]
    public void Both_forms_name_the_same_twenty_bytes()
    {
        var fromHex = StratosAddress.Parse(Checksummed);
        var fromBech32 = StratosAddress.Parse(fromHex.Bech32);

        Assert.Equal(fromHex, fromBech32);
        Assert.StartsWith("st1", fromHex.Bech32);
        Assert.Equal(Checksummed, fromBech32.Hex);
        Assert.Equal(Checksummed.ToLowerInvariant(), fromBech32.LowerHex);
        Assert.Equal(Convert.FromHexString(Checksummed[2..]), fromBech32.Bytes.ToArray());
        Assert.Equal(EthAddress.Parse(Checksummed), fromBech32.EvmAddress);
    }

    [Theory]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")]
    [InlineData("0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED")]
    [InlineData("  0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed ")]
    public void Unchecksummed_hex_and_surrounding_spaces_are_accepted(string text) =>
        Assert.Equal(StratosAddress.Parse(Checksummed), StratosAddress.Parse(text));

    [Theory]
    [InlineData("", "required")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", "EIP-55")] // one letter's case flipped
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1bea", "40 hex digits")]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg", "not valid hex")]
    [InlineData("st1t2htvpfl862vnwdqnuekd9p4ulh3h6hdt624qx", "checksum")]
    [InlineData("hello", "neither a 0x address nor valid bech32")]
    public void Malformed_addresses_say_what_is_wrong(string text, string reason)
    {
        Assert.False(StratosAddress.TryParse(text, out _, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void A_bech32_address_of_another_chain_is_refused_by_its_prefix()
    {
        var cosmos = Bech32.Encode("cosmos", StratosAddress.Parse(Checksummed).Bytes);

        Assert.False(StratosAddress.TryParse(cosmos, out _, out var error));
        Assert.Contains("prefix 'cosmos'", error);
    }

    [Fact]
    public void A_bech32_address_of_another_length_is_not_an_account()
    {
        var text = Bech32.Encode("st", new byte[32]);

        Assert.False(StratosAddress.TryParse(text, out _, out var error));
        Assert.Contains("32 bytes", error);
    }

    [Fact]
    public void Upper_case_bech32_is_the_same_account_and_mixed_case_is_not_bech32()
    {
        var address = StratosAddress.Parse(Checksummed);

        Assert.Equal(address, StratosAddress.Parse(address.Bech32.ToUpperInvariant()));
        var mixed = "S" + address.Bech32[1..];
        Assert.False(StratosAddress.TryParse(mixed, out _, out var error));
        Assert.Contains("mixes upper and lower case", error);
    }

    [Fact]
    public void The_zero_account_is_recognised()
    {
        Assert.True(StratosAddress.Parse("0x0000000000000000000000000000000000000000").IsZero);
        Assert.True(default(StratosAddress).IsZero);
        Assert.False(StratosAddress.Parse(Checksummed).IsZero);
    }
}
