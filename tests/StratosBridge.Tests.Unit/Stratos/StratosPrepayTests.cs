using System.Numerics;
using System.Text;
using Google.Protobuf;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Stratos;
using StratosBridge.Chains.Stratos.Prepay;

namespace StratosBridge.Tests.Unit.Stratos;

public class StratosPrepayTests
{
    private static readonly EthAddress Sender = EthAddress.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
    private static readonly EthAddress Beneficiary = EthAddress.Parse("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359");

    [Fact]
    public void The_any_is_laid_out_field_by_field_as_protobuf_encodes_it()
    {
        var sender = StratosAddress.FromEvm(Sender).Bech32;
        var beneficiary = StratosAddress.FromEvm(Beneficiary).Bech32;
        Assert.Equal("st1t2htvpfl862vnwdqnuekd9p4ulh3h6hdt624qq", sender);
        // Coin {1: "wei", 2: "1000"}, MsgPrepay {1: sender, 2: beneficiary, 3: coin}, Any {1: type URL, 2: message}:
        // each field is its tag (field << 3 | 2, length-delimited), a varint length and the bytes.
        var coin = "0a03" + Ascii("wei") + "1204" + Ascii("1000");
        var message = "0a29" + Ascii(sender) + "1229" + Ascii(beneficiary) + "1a0b" + coin;
        var expected = "0a19" + Ascii("/stratos.sds.v1.MsgPrepay") + "1263" + message; // 2+41 + 2+41 + 2+11 = 99 bytes

        Assert.Equal(expected, Convert.ToHexStringLower(StratosPrepay.EncodeAny(Sender, Beneficiary, 1000)));
    }

    [Fact]
    public void A_length_of_128_or_more_takes_a_two_byte_varint()
    {
        var wei = StratosPrepay.MaxAmount; // 78 digits: the message is 2+41 + 2+41 + 2+85 = 173 bytes
        var any = StratosPrepay.EncodeAny(Sender, Beneficiary, wei);

        Assert.Equal("12ad01", Convert.ToHexStringLower(any.AsSpan(27, 3))); // field 2, length 173 = 0xad 0x01
        Assert.Equal(27 + 3 + 173, any.Length);
        Assert.True(StratosPrepay.TryDecodeAny(any, out var decoded));
        Assert.Equal(wei, decoded.Wei);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("1000000000000000000")]
    [InlineData("115792089237316195423570985008687907853269984665640564039457584007913129639935")]
    public void Decoding_gives_back_what_was_encoded(string amount)
    {
        var wei = BigInteger.Parse(amount);

        Assert.True(StratosPrepay.TryDecodeAny(StratosPrepay.EncodeAny(Sender, Beneficiary, wei), out var message, out var error), error);

        Assert.Equal(new PrepayMessage(Sender, Beneficiary, wei), message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("115792089237316195423570985008687907853269984665640564039457584007913129639936")] // 2^256
    public void Amounts_the_chain_refuses_are_not_encoded(string amount) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => StratosPrepay.EncodeAny(Sender, Beneficiary, BigInteger.Parse(amount)));

    public static TheoryData<string, string> Refused => new()
    {
        { Any("/stratos.sds.v1.MsgFileUpload", Prepay(Bech(Sender), Bech(Beneficiary), ("wei", "5"))), "type URL" },
        { Any("type.googleapis.com/stratos.sds.v1.MsgPrepay", Prepay(Bech(Sender), Bech(Beneficiary), ("wei", "5"))), "type URL" },
        { Any("/stratos.sds.v1.MsgPrepay", Prepay(Bech(Sender), Bech(Beneficiary))), "0 coins" },
        { Any("/stratos.sds.v1.MsgPrepay", Prepay(Bech(Sender), Bech(Beneficiary), ("wei", "5"), ("wei", "6"))), "2 coins" },
        { Any("/stratos.sds.v1.MsgPrepay", Prepay(Bech(Sender), Bech(Beneficiary), ("stos", "5"))), "denom" },
        { Any("/stratos.sds.v1.MsgPrepay", Prepay(Bech(Sender), Bech(Beneficiary), ("wei", "0"))), "amount" },
        { Any("/stratos.sds.v1.MsgPrepay", Prepay(Bech(Sender), Bech(Beneficiary), ("wei", "05"))), "amount" },
        { Any("/stratos.sds.v1.MsgPrepay", Prepay(Bech(Sender), Bech(Beneficiary), ("wei", "+5"))), "amount" },
        { Any("/stratos.sds.v1.MsgPrepay", Prepay(Bech(Sender), Bech(Beneficiary), ("wei", "5.0"))), "amount" },
        { Any("/stratos.sds.v1.MsgPrepay", Prepay(Bech(Sender), Bech(Beneficiary), ("wei", ""))), "amount" },
        { Any("/stratos.sds.v1.MsgPrepay", Prepay(Bech(Sender), Bech(Beneficiary), ("wei", (BigInteger.One << 256).ToString()))), "amount" },
        { Any("/stratos.sds.v1.MsgPrepay", Prepay(Sender.ToLowerHex(), Bech(Beneficiary), ("wei", "5"))), "sender" },
        { Any("/stratos.sds.v1.MsgPrepay", Prepay("", Bech(Beneficiary), ("wei", "5"))), "sender" },
        { Any("/stratos.sds.v1.MsgPrepay", Prepay(Core.Addresses.Bech32.Encode("cosmos", Sender.Bytes), Bech(Beneficiary), ("wei", "5"))), "sender" },
        { Any("/stratos.sds.v1.MsgPrepay", Prepay(Bech(Sender), Core.Addresses.Bech32.Encode("st", new byte[32]), ("wei", "5"))), "beneficiary" },
        { Any("/stratos.sds.v1.MsgPrepay", Prepay(Bech(Sender), Bech(Beneficiary)[..^1] + "x", ("wei", "5"))), "beneficiary" },
        { "0a19" + Ascii("/stratos.sds.v1.MsgPrepay") + "1262", "protobuf" }, // truncated: the value is missing
        { "0a", "protobuf" },
        { "", "type URL" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Malformed_or_foreign_messages_are_refused_with_a_reason(string hex, string reason)
    {
        Assert.False(StratosPrepay.TryDecodeAny(Convert.FromHexString(hex), out var message, out var error));

        Assert.Null(message);
        Assert.Contains(reason, error);
    }

    [Fact]
    public void A_repeated_field_reads_as_its_last_occurrence_and_unknown_fields_are_skipped()
    {
        // What protobuf (and the chain's gogoproto code) does: sender twice, the second wins; field 9 is ignored.
        var message = "0a29" + Ascii(Bech(Beneficiary)) + Prepay(Bech(Sender), Bech(Beneficiary), ("wei", "7")) + "4a0178";

        Assert.True(StratosPrepay.TryDecodeAny(Convert.FromHexString(Any("/stratos.sds.v1.MsgPrepay", message)), out var decoded));

        Assert.Equal(new PrepayMessage(Sender, Beneficiary, 7), decoded);
    }

    private static string Bech(EthAddress address) => StratosAddress.FromEvm(address).Bech32;

    private static string Ascii(string text) => Convert.ToHexStringLower(Encoding.UTF8.GetBytes(text));

    private static string Field(int number, string hexValue) =>
        Convert.ToHexStringLower(Tag(number)) + Convert.ToHexStringLower(Varint(hexValue.Length / 2)) + hexValue;

    private static byte[] Tag(int number) => Varint((number << 3) | 2);

    private static byte[] Varint(int value)
    {
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        output.WriteUInt32((uint)value);
        output.Flush();
        return stream.ToArray();
    }

    private static string Prepay(string sender, string beneficiary, params (string Denom, string Amount)[] coins) =>
        (sender.Length > 0 ? Field(1, Ascii(sender)) : "") + Field(2, Ascii(beneficiary))
        + string.Concat(coins.Select(c => Field(3, Field(1, Ascii(c.Denom)) + (c.Amount.Length > 0 ? Field(2, Ascii(c.Amount)) : ""))));

    private static string Any(string typeUrl, string messageHex) => Field(1, Ascii(typeUrl)) + Field(2, messageHex);
}
