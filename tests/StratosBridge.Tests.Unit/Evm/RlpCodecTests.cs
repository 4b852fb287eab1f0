using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Rlp;

namespace StratosBridge.Tests.Unit.Evm;

public class RlpCodecTests
{
    // ethereum/tests RLPTests/rlptest.json (longstring2 is checked separately below). Inputs: strings are UTF-8
    // (or hex when 0x-prefixed), numbers and "#…" are integers, arrays are lists.
    private const string Vectors = """
    {
      "emptystring": { "in": "", "out": "0x80" },
      "bytestring00": { "in": "\u0000", "out": "0x00" },
      "bytestring01": { "in": "\u0001", "out": "0x01" },
      "bytestring7F": { "in": "\u007F", "out": "0x7f" },
      "shortstring": { "in": "dog", "out": "0x83646f67" },
      "shortstring2": { "in": "Lorem ipsum dolor sit amet, consectetur adipisicing eli", "out": "0xb74c6f72656d20697073756d20646f6c6f722073697420616d65742c20636f6e7365637465747572206164697069736963696e6720656c69" },
      "longstring": { "in": "Lorem ipsum dolor sit amet, consectetur adipisicing elit", "out": "0xb8384c6f72656d20697073756d20646f6c6f722073697420616d65742c20636f6e7365637465747572206164697069736963696e6720656c6974" },
      "zero": { "in": 0, "out": "0x80" },
      "smallint": { "in": 1, "out": "0x01" },
      "smallint2": { "in": 16, "out": "0x10" },
      "smallint3": { "in": 79, "out": "0x4f" },
      "smallint4": { "in": 127, "out": "0x7f" },
      "mediumint1": { "in": 128, "out": "0x8180" },
      "mediumint2": { "in": 1000, "out": "0x8203e8" },
      "mediumint3": { "in": 100000, "out": "0x830186a0" },
      "mediumint4": { "in": "#83729609699884896815286331701780722", "out": "0x8f102030405060708090a0b0c0d0e0f2" },
      "mediumint5": { "in": "#105315505618206987246253880190783558935785933862974822347068935681", "out": "0x9c0100020003000400050006000700080009000a000b000c000d000e01" },
      "emptylist": { "in": [], "out": "0xc0" },
      "stringlist": { "in": [ "dog", "god", "cat" ], "out": "0xcc83646f6783676f6483636174" },
      "multilist": { "in": [ "zw", [ 4 ], 1 ], "out": "0xc6827a77c10401" },
      "shortListMax1": { "in": [ "asdf", "qwer", "zxcv", "asdf", "qwer", "zxcv", "asdf", "qwer", "zxcv", "asdf", "qwer"], "out": "0xf784617364668471776572847a78637684617364668471776572847a78637684617364668471776572847a78637684617364668471776572" },
      "longList1": { "in": [ ["asdf","qwer","zxcv"], ["asdf","qwer","zxcv"], ["asdf","qwer","zxcv"], ["asdf","qwer","zxcv"] ], "out": "0xf840cf84617364668471776572847a786376cf84617364668471776572847a786376cf84617364668471776572847a786376cf84617364668471776572847a786376" },
      "listsoflists": { "in": [ [ [], [] ], [] ], "out": "0xc4c2c0c0c0" },
      "listsoflists2": { "in": [ [], [[]], [ [], [[]] ] ], "out": "0xc7c0c1c0c3c0c1c0" },
      "dictTest1": { "in": [ ["key1", "val1"], ["key2", "val2"], ["key3", "val3"], ["key4", "val4"] ], "out": "0xecca846b6579318476616c31ca846b6579328476616c32ca846b6579338476616c33ca846b6579348476616c34" },
      "bigint": { "in": "#115792089237316195423570985008687907853269984665640564039457584007913129639936", "out": "0xa1010000000000000000000000000000000000000000000000000000000000000000" }
    }
    """;

    public static TheoryData<string> VectorNames()
    {
        var data = new TheoryData<string>();
        using var doc = JsonDocument.Parse(Vectors);
        foreach (var vector in doc.RootElement.EnumerateObject())
        {
            data.Add(vector.Name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Encodes_and_decodes_the_ethereum_tests_vectors(string name)
    {
        using var doc = JsonDocument.Parse(Vectors);
        var vector = doc.RootElement.GetProperty(name);
        var item = ToItem(vector.GetProperty("in"));
        var expected = vector.GetProperty("out").GetString()!;
        var encoded = RlpCodec.Encode(item);
        Assert.Equal(expected, Hex.Encode(encoded));
        Assert.Equal(item.ToString(), RlpCodec.Decode(encoded).ToString());
    }

    [Fact]
    public void Encodes_a_1024_byte_string_with_a_two_byte_length()
    {
        var text = Encoding.ASCII.GetBytes(new string('x', 1024));
        var encoded = RlpCodec.Encode(text);
        Assert.Equal("0xb90400", Hex.Encode(encoded.AsSpan(0, 3)));
        Assert.Equal(text, RlpCodec.Decode(encoded).ToArray());
    }

    // ethereum/tests RLPTests/invalidRLPTest.json
    [Theory]
    [InlineData("0xbf0f000000000000021111")]
    [InlineData("0xff0f000000000000021111")]
    [InlineData("0xf80180")]
    [InlineData("0xf80100")]
    [InlineData("0xb9002100dc2b275d0f74e8a53e6f4ec61b27f24278820be3f82ea2110e582081b0565df0")]
    [InlineData("0xf861f83eb9002100dc2b275d0f74e8a53e6f4ec61b27f24278820be3f82ea2110e582081b0565df027b90015002d5ef8325ae4d034df55d4b58d0dfba64d61ddd17be00000b9001a00dae30907045a2f66fa36f2bb8aa9029cbb0b8a7b3b5c435ab331")]
    [InlineData("0x8100")]
    [InlineData("0x8101")]
    [InlineData("0x817F")]
    [InlineData("0xb90040000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f")]
    [InlineData("0xb800")]
    [InlineData("0xfb00000040000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f")]
    [InlineData("0xf800")]
    [InlineData("0xb81000112233445566778899aabbccddeeff")]
    [InlineData("0xb801ff")]
    [InlineData("0xf810000102030405060708090a0b0c0d0e0f")]
    [InlineData("0xf803112233")]
    // and a few more: empty input, trailing bytes, truncated payloads
    [InlineData("0x")]
    [InlineData("0x8000")]
    [InlineData("0x83646f")]
    [InlineData("0xc3646f")]
    public void Refuses_the_invalid_vectors(string hex) =>
        Assert.Throws<FormatException>(() => RlpCodec.Decode(Hex.Decode(hex)));

    [Fact]
    public void Integers_must_be_canonical_when_read()
    {
        Assert.Equal(new BigInteger(1024), RlpCodec.Decode(Hex.Decode("0x820400")).ToBigInteger());
        Assert.Throws<FormatException>(() => RlpCodec.Decode(Hex.Decode("0x820004")).ToBigInteger());
        Assert.Throws<FormatException>(() => RlpItem.FromBytes(new byte[33]).ToBigInteger());
        Assert.Throws<FormatException>(() => RlpItem.FromInteger(BigInteger.One << 64).ToUInt64());
        Assert.Throws<ArgumentOutOfRangeException>(() => RlpItem.FromInteger(-1));
    }

    [Fact]
    public void Deep_nesting_is_refused_instead_of_overflowing_the_stack()
    {
        var deep = RlpItem.EmptyList;
        for (var i = 0; i < RlpCodec.MaxDepth + 1; i++)
        {
            deep = RlpItem.List(deep);
        }
        Assert.Throws<FormatException>(() => RlpCodec.Decode(RlpCodec.Encode(deep)));
    }

    [Fact]
    public void Reading_a_list_as_bytes_or_bytes_as_a_list_fails()
    {
        Assert.Throws<FormatException>(() => RlpItem.EmptyList.ToArray());
        Assert.Throws<FormatException>(() => RlpItem.EmptyString.Items);
    }

    private static RlpItem ToItem(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.Array => RlpItem.List(json.EnumerateArray().Select(ToItem).ToArray()),
        JsonValueKind.Number => RlpItem.FromInteger(BigInteger.Parse(json.GetRawText(), CultureInfo.InvariantCulture)),
        JsonValueKind.String when json.GetString()!.StartsWith('#') =>
            RlpItem.FromInteger(BigInteger.Parse(json.GetString()![1..], CultureInfo.InvariantCulture)),
        JsonValueKind.String when json.GetString()!.StartsWith("0x", StringComparison.Ordinal) =>
            RlpItem.FromBytes(Hex.Decode(json.GetString()!)),
        JsonValueKind.String => RlpItem.FromBytes(Encoding.UTF8.GetBytes(json.GetString()!)),
        _ => throw new InvalidOperationException($"unexpected vector input {json}"),
    };
}
