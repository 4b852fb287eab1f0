using System.Numerics;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Signing;

namespace StratosBridge.Tests.Unit.Evm;

public class EthKeyTests
{
    [Theory]
    [InlineData("0x0000000000000000000000000000000000000000000000000000000000000001", "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf")]
    [InlineData("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266")]
    [InlineData("0x4646464646464646464646464646464646464646464646464646464646464646", "0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F")]
    public void Derives_the_known_address_of_a_key(string key, string address) =>
        Assert.Equal(address, EthKey.FromHex(key).Address.ToString());

    [Fact]
    public void Signing_is_deterministic_low_s_and_recovers_the_signer()
    {
        var key = EthKey.FromHex("0x4646464646464646464646464646464646464646464646464646464646464646");
        for (var i = 0; i < 50; i++)
        {
            var hash = Keccak256.Hash($"message {i}");
            var first = key.Sign(hash);
            Assert.Equal(first, key.Sign(hash));
            Assert.True(first.IsLowS);
            Assert.Equal(key.Address, first.RecoverAddress(hash));
            Assert.Equal(key.PublicKey.ToArray(), Secp256k1.RecoverPublicKey(hash, first));
        }
    }

    [Fact]
    public void The_high_s_twin_of_a_signature_recovers_the_same_key_with_the_other_parity()
    {
        var key = EthKey.FromHex("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
        var hash = Keccak256.Hash("twin");
        var low = key.Sign(hash);
        var high = new EthSignature(low.R, Secp256k1.Order - low.S, 1 - low.YParity);
        Assert.False(high.IsLowS);
        Assert.Equal(key.Address, high.RecoverAddress(hash));
    }

    [Fact]
    public void A_signature_over_another_hash_recovers_another_address()
    {
        var key = EthKey.Generate();
        var signature = key.Sign(Keccak256.Hash("one"));
        Assert.NotEqual(key.Address, signature.RecoverAddress(Keccak256.Hash("two")));
    }

    [Fact]
    public void Signature_bytes_are_r_s_and_v_27_or_28()
    {
        var key = EthKey.Generate();
        var hash = Keccak256.Hash("bytes");
        var signature = key.Sign(hash);
        var bytes = signature.ToBytes();
        Assert.Equal(65, bytes.Length);
        Assert.Equal(27 + signature.YParity, bytes[64]);
        Assert.Equal(signature, EthSignature.FromBytes(bytes));
        bytes[64] -= 27;
        Assert.Equal(signature, EthSignature.FromBytes(bytes));
        bytes[64] = 29;
        Assert.Throws<FormatException>(() => EthSignature.FromBytes(bytes));
    }

    [Fact]
    public void Keys_outside_one_to_n_minus_one_are_refused()
    {
        Assert.Throws<ArgumentException>(() => EthKey.FromBytes(new byte[32]));
        var n = Secp256k1.Order.ToByteArray(isUnsigned: true, isBigEndian: true);
        Assert.Throws<ArgumentException>(() => EthKey.FromBytes(n));
        var nMinusOne = (Secp256k1.Order - 1).ToByteArray(isUnsigned: true, isBigEndian: true);
        Assert.NotEqual(EthAddress.Zero, EthKey.FromBytes(nMinusOne).Address);
        Assert.Throws<FormatException>(() => EthKey.FromHex("0x1234"));
    }

    [Fact]
    public void Signature_components_outside_the_group_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EthSignature(0, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EthSignature(1, Secp256k1.Order, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EthSignature(1, 1, 2));
    }

    [Fact]
    public void Recovery_fails_loudly_when_r_is_not_an_x_coordinate_on_the_curve()
    {
        // x = 5 has no point on secp256k1 (5³ + 7 = 132 is not a square mod p)
        var signature = new EthSignature(new BigInteger(5), BigInteger.One, 0);
        Assert.Throws<FormatException>(() => Secp256k1.RecoverPublicKey(new byte[32], signature));
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
