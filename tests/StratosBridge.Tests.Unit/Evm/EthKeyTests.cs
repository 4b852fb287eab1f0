using System.Numerics;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Chains.Evm;
using StratosBridge.Tests.Unit.Evm.Differential;

namespace StratosBridge.Tests.Unit.Evm;

/// <summary>
/// What <see cref="EthKey"/> adds to Nethereum's key: range checks when a key is read, our address type, a ToString
/// that hides the key. (Signatures are proven against cast through their use: EIP-712 and transactions.)
/// </summary>
public class EthKeyTests
{
    [Theory]
    [InlineData("0x0000000000000000000000000000000000000000000000000000000000000001", "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf")]
    [InlineData("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266")]
    [InlineData("0x4646464646464646464646464646464646464646464646464646464646464646", "0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F")]
    public void Derives_the_known_address_of_a_key(string key, string address) =>
        Assert.Equal(address, EthKey.FromHex(key).Address.ToString());

    [Fact]
    public void Keys_outside_one_to_n_minus_one_are_refused()
    {
        Assert.Throws<ArgumentException>(() => EthKey.FromBytes(new byte[32]));
        Assert.Throws<ArgumentException>(() => EthKey.FromBytes(EvmRandom.Secp256k1Order.ToByteArray(isUnsigned: true, isBigEndian: true)));
        Assert.Throws<ArgumentException>(() => EthKey.FromBytes(new byte[31]));
        var nMinusOne = (EvmRandom.Secp256k1Order - BigInteger.One).ToByteArray(isUnsigned: true, isBigEndian: true);
        Assert.NotEqual(EthAddress.Zero, EthKey.FromBytes(nMinusOne).Address);
        Assert.Throws<FormatException>(() => EthKey.FromHex("0x1234"));
        Assert.Throws<FormatException>(() => EthKey.FromHex("not hex at all, and not 64 digits long either........................"));
    }

    [Fact]
    public void Generated_keys_are_distinct()
    {
        var addresses = Enumerable.Range(0, 20).Select(_ => EthKey.Generate().Address).ToHashSet();
        Assert.Equal(20, addresses.Count);
        Assert.DoesNotContain(EthAddress.Zero, addresses);
    }

    [Fact]
    public void ToString_does_not_reveal_the_key()
    {
        const string secret = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
        var text = EthKey.FromHex(secret).ToString();
        Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", text);
    }
}
