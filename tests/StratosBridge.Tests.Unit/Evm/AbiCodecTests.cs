using System.Numerics;
using System.Text;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Abi;

namespace StratosBridge.Tests.Unit.Evm;

public class AbiCodecTests
{
    private static AbiType[] Types(params string[] names) => names.Select(AbiType.Parse).ToArray();

    private static string Word(string hex) => hex.PadLeft(64, '0');

    // The examples of the Solidity ABI specification ("Examples" and "Use of Dynamic Types").
    [Fact]
    public void Encodes_the_specs_baz_example()
    {
        var calldata = AbiFunction.Parse("baz(uint32 x, bool y)").EncodeCall([69, true]);
        Assert.Equal("0xcdcd77c0" + Word("45") + Word("1"), Hex.Encode(calldata));
    }

    [Fact]
    public void Encodes_the_specs_bar_example()
    {
        var calldata = AbiFunction.Parse("bar(bytes3[2])").EncodeCall([new object[] { "abc"u8.ToArray(), "def"u8.ToArray() }]);
        Assert.Equal("0xfce353f6" + "616263".PadRight(64, '0') + "646566".PadRight(64, '0'), Hex.Encode(calldata));
    }

    [Fact]
    public void Encodes_the_specs_sam_example()
    {
        var calldata = AbiFunction.Parse("sam(bytes,bool,uint256[])")
            .EncodeCall(["dave"u8.ToArray(), true, new object[] { 1, 2, 3 }]);
        Assert.Equal("0xa5643bf2" + Word("60") + Word("1") + Word("a0") + Word("4") + "64617665".PadRight(64, '0')
            + Word("3") + Word("1") + Word("2") + Word("3"), Hex.Encode(calldata));
    }

    [Fact]
    public void Encodes_the_specs_dynamic_f_example()
    {
        var calldata = AbiFunction.Parse("f(uint256,uint32[],bytes10,bytes)")
            .EncodeCall([0x123, new object[] { 0x456, 0x789 }, "1234567890"u8.ToArray(), "Hello, world!"u8.ToArray()]);
        Assert.Equal("0x8be65246" + Word("123") + Word("80") + "3132333435363738393".PadRight(64, '0') + Word("e0")
            + Word("2") + Word("456") + Word("789") + Word("d") + "48656c6c6f2c20776f726c6421".PadRight(64, '0'),
            Hex.Encode(calldata));
    }

    [Fact]
    public void Encodes_the_specs_nested_g_example_and_decodes_it_back()
    {
        var function = AbiFunction.Parse("g(uint256[][],string[])");
        var calldata = function.EncodeCall(
            [new object[] { new object[] { 1, 2 }, new object[] { 3 } }, new object[] { "one", "two", "three" }]);
        var expected = "0x2289b18c" + Word("40") + Word("140") + Word("2") + Word("40") + Word("a0") + Word("2") + Word("1")
            + Word("2") + Word("1") + Word("3") + Word("3") + Word("60") + Word("a0") + Word("e0") + Word("3")
            + "6f6e65".PadRight(64, '0') + Word("3") + "74776f".PadRight(64, '0') + Word("5") + "7468726565".PadRight(64, '0');
        Assert.Equal(expected, Hex.Encode(calldata));
        var decoded = function.DecodeCall(calldata);
        var outer = Assert.IsType<object?[]>(decoded[0]);
        Assert.Equal(new object?[] { new BigInteger(1), new BigInteger(2) }, Assert.IsType<object?[]>(outer[0]));
        Assert.Equal(new object?[] { "one", "two", "three" }, Assert.IsType<object?[]>(decoded[1]));
    }

    [Theory]
    [InlineData("uint8", 256)]
    [InlineData("uint8", -1)]
    [InlineData("int8", 128)]
    [InlineData("int8", -129)]
    [InlineData("uint16", 65536)]
    public void Values_outside_the_type_are_refused(string type, int value) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => AbiCodec.Encode(Types(type), [value]));

    [Fact]
    public void Boundaries_of_every_width_round_trip()
    {
        for (var bits = 8; bits <= 256; bits += 8)
        {
            var max = (BigInteger.One << bits) - 1;
            var half = BigInteger.One << (bits - 1);
            var types = Types($"uint{bits}", $"uint{bits}", $"int{bits}", $"int{bits}", $"int{bits}");
            object?[] values = [BigInteger.Zero, max, -half, half - 1, BigInteger.MinusOne];
            var encoded = AbiCodec.Encode(types, values);
            Assert.Equal(values, AbiCodec.Decode(types, encoded));
            Assert.Throws<ArgumentOutOfRangeException>(() => AbiCodec.Encode(Types($"uint{bits}"), [max + 1]));
            Assert.Throws<ArgumentOutOfRangeException>(() => AbiCodec.Encode(Types($"int{bits}"), [-half - 1]));
        }
    }

    [Fact]
    public void Wrong_value_kinds_are_refused_with_the_path()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            AbiCodec.Encode(Types("(uint256,address)[]"), [new object[] { new object[] { 1, "0x00" } }]));
        Assert.Contains("value 0[0][1]", e.Message);
        Assert.Throws<ArgumentException>(() => AbiCodec.Encode(Types("uint256"), [1.5]));
        Assert.Throws<ArgumentException>(() => AbiCodec.Encode(Types("uint256"), ["1"]));
        Assert.Throws<ArgumentException>(() => AbiCodec.Encode(Types("bytes32"), [new byte[31]]));
        Assert.Throws<ArgumentException>(() => AbiCodec.Encode(Types("uint8[2]"), [new object[] { 1 }]));
        Assert.Throws<ArgumentException>(() => AbiCodec.Encode(Types("bool"), [null]));
        Assert.Throws<ArgumentException>(() => AbiCodec.Encode(Types("uint8", "uint8"), [1]));
    }

    [Fact]
    public void Decoding_refuses_dirty_words()
    {
        var dirtyUint8 = Hex.Decode(Word("100"));
        Assert.Throws<FormatException>(() => AbiCodec.Decode(Types("uint8"), dirtyUint8));
        var dirtyAddress = Hex.Decode("01" + new string('0', 62));
        Assert.Throws<FormatException>(() => AbiCodec.Decode(Types("address"), dirtyAddress));
        Assert.Throws<FormatException>(() => AbiCodec.Decode(Types("bool"), Hex.Decode(Word("2"))));
        Assert.Throws<FormatException>(() => AbiCodec.Decode(Types("bytes1"), Hex.Decode("0101".PadRight(64, '0'))));
        // int8 -1 must be sign-extended over the whole word
        Assert.Throws<FormatException>(() => AbiCodec.Decode(Types("int8"), Hex.Decode(Word("ff"))));
        Assert.Equal(new BigInteger(-1), AbiCodec.Decode(Types("int8"), Hex.Decode(new string('f', 64)))[0]);
    }

    [Fact]
    public void Decoding_refuses_offsets_and_lengths_past_the_end()
    {
        Assert.Throws<FormatException>(() => AbiCodec.Decode(Types("bytes"), Hex.Decode(Word("20"))));
        Assert.Throws<FormatException>(() => AbiCodec.Decode(Types("bytes"), Hex.Decode(Word("40") + Word("0"))));
        Assert.Throws<FormatException>(() => AbiCodec.Decode(Types("bytes"), Hex.Decode(Word("20") + Word("21") + Word("0"))));
        Assert.Throws<FormatException>(() => AbiCodec.Decode(Types("uint256[]"), Hex.Decode(Word("20") + new string('f', 64))));
        Assert.Throws<FormatException>(() => AbiCodec.Decode(Types("uint256[]"), Hex.Decode(Word("20") + Word("2") + Word("1"))));
        Assert.Throws<FormatException>(() => AbiCodec.Decode(Types("uint256"), new byte[31]));
    }

    [Fact]
    public void Decoding_refuses_offsets_that_reuse_data_quadratically()
    {
        // uint256[][] whose 2,000 elements all point at one 2,000-element array: 4 million values from 128 KB
        const int n = 2000;
        var text = new StringBuilder(Word("20") + Word(n.ToString("x")));
        for (var i = 0; i < n; i++)
        {
            text.Append(Word((32 * n).ToString("x")));
        }
        text.Append(Word(n.ToString("x")));
        for (var i = 0; i < n; i++)
        {
            text.Append(Word("1"));
        }
        Assert.Throws<FormatException>(() => AbiCodec.Decode(Types("uint256[][]"), Hex.Decode(text.ToString())));
    }

    [Fact]
    public void Strings_must_be_valid_utf8() =>
        Assert.Throws<FormatException>(() => AbiCodec.Decode(Types("string"), Hex.Decode(Word("20") + Word("1") + "ff".PadRight(64, '0'))));

    [Fact]
    public void Trailing_bytes_are_ignored_like_solidity_does() =>
        Assert.Equal(new BigInteger(5), AbiCodec.Decode(Types("uint256"), Hex.Decode(Word("5") + "ff"))[0]);
}
