using System.Numerics;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Rlp;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Chains.Evm.Transactions;

namespace StratosBridge.Tests.Unit.Evm;

public class LegacyTransactionTests
{
    private const string Eip155Key = "0x4646464646464646464646464646464646464646464646464646464646464646";

    private const string Eip155Raw =
        "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83";

    private static LegacyTransaction Eip155Example => new()
    {
        ChainId = 1,
        Nonce = 9,
        GasPrice = 20_000_000_000,
        GasLimit = 21_000,
        To = EthAddress.Parse("0x3535353535353535353535353535353535353535"),
        Value = BigInteger.Pow(10, 18),
    };

    [Fact]
    public void Signs_the_eip155_example_exactly()
    {
        var tx = Eip155Example;
        Assert.Equal("0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53", Hex.Encode(tx.SigningHash()));
        var signed = tx.Sign(EthKey.FromHex(Eip155Key));
        Assert.Equal(BigInteger.Parse("18515461264373351373200002665853028612451056578545711640558177340181847433846"), signed.Signature.R);
        Assert.Equal(BigInteger.Parse("46948507304638947509940763649030358759909902576025900602547168820602576006531"), signed.Signature.S);
        Assert.Equal(Eip155Raw, signed.RawHex);
        Assert.Equal(Hex.Encode(Keccak256.Hash(Hex.Decode(Eip155Raw))), signed.HashHex);
        Assert.Equal("0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F", signed.Sender.ToString());
    }

    [Fact]
    public void Decodes_the_eip155_example_and_recovers_its_sender()
    {
        var decoded = SignedTransaction.Decode(Hex.Decode(Eip155Raw));
        var tx = Assert.IsType<LegacyTransaction>(decoded.Transaction);
        Assert.Equal(1UL, tx.ChainId);
        Assert.Equal(9UL, tx.Nonce);
        Assert.Equal(new BigInteger(20_000_000_000), tx.GasPrice);
        Assert.Equal(21_000UL, tx.GasLimit);
        Assert.Equal(BigInteger.Pow(10, 18), tx.Value);
        Assert.Empty(tx.Data);
        Assert.Equal("0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F", decoded.Sender.ToString());
        Assert.Equal(Eip155Raw, decoded.RawHex);
    }

    [Fact]
    public void Unprotected_pre_eip155_signatures_are_refused()
    {
        var fields = RlpCodec.Decode(Hex.Decode(Eip155Raw)).Items.ToArray();
        fields[6] = RlpItem.FromInteger(27);
        Assert.Throws<FormatException>(() => SignedTransaction.Decode(RlpCodec.Encode(RlpItem.List(fields))));
    }

    [Fact]
    public void A_v_of_35_or_36_meaning_chain_id_zero_is_refused()
    {
        var fields = RlpCodec.Decode(Hex.Decode(Eip155Raw)).Items.ToArray();
        fields[6] = RlpItem.FromInteger(35);
        Assert.Throws<FormatException>(() => SignedTransaction.Decode(RlpCodec.Encode(RlpItem.List(fields))));
    }

    [Fact]
    public void High_s_signatures_are_refused()
    {
        var fields = RlpCodec.Decode(Hex.Decode(Eip155Raw)).Items.ToArray();
        fields[6] = RlpItem.FromInteger(38); // the other parity
        fields[8] = RlpItem.FromInteger(Secp256k1.Order - fields[8].ToBigInteger());
        Assert.Throws<FormatException>(() => SignedTransaction.Decode(RlpCodec.Encode(RlpItem.List(fields))));
    }

    [Theory]
    [InlineData("0x")]
    [InlineData("0x01c0")] // EIP-2930: not supported
    [InlineData("0xc0")]
    public void Malformed_or_unsupported_raw_transactions_are_refused(string hex) =>
        Assert.Throws<FormatException>(() => SignedTransaction.Decode(Hex.Decode(hex)));

    [Fact]
    public void Trailing_bytes_are_refused() =>
        Assert.Throws<FormatException>(() => SignedTransaction.Decode(Hex.Decode(Eip155Raw + "00")));

    [Fact]
    public void A_contract_creation_has_an_empty_to_and_round_trips()
    {
        var tx = new LegacyTransaction
        {
            ChainId = 2048, Nonce = 0, GasPrice = 1, GasLimit = 1_000_000, To = null, Data = [0x60, 0x00, 0x60, 0x00],
        };
        var signed = tx.Sign(EthKey.Generate());
        var decoded = SignedTransaction.Decode(signed.Raw);
        Assert.Null(decoded.Transaction.To);
        Assert.Equal(2048UL, decoded.Transaction.ChainId);
        Assert.Equal(signed.Sender, decoded.Sender);
        Assert.Equal(signed.HashHex, decoded.HashHex);
    }

    [Fact]
    public void Amounts_outside_uint256_are_refused_before_signing()
    {
        var key = EthKey.Generate();
        LegacyTransaction WithValue(BigInteger value) => new()
        {
            ChainId = 1, Nonce = 0, GasPrice = 1, GasLimit = 21_000, To = EthAddress.Zero, Value = value,
        };
        Assert.Throws<ArgumentOutOfRangeException>(() => WithValue(-1).Sign(key));
        Assert.Throws<ArgumentOutOfRangeException>(() => WithValue(BigInteger.One << 256).Sign(key));
        Assert.NotNull(WithValue((BigInteger.One << 256) - 1).Sign(key));
        var negativePrice = new LegacyTransaction { ChainId = 1, Nonce = 0, GasPrice = -1, GasLimit = 21_000 };
        Assert.Throws<ArgumentOutOfRangeException>(() => negativePrice.Sign(key));
        var noChain = new LegacyTransaction { ChainId = 0, Nonce = 0, GasPrice = 1, GasLimit = 21_000 };
        Assert.Throws<ArgumentOutOfRangeException>(() => noChain.Sign(key));
    }
}
