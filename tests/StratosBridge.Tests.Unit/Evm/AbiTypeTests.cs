using StratosBridge.Chains.Evm.Abi;

namespace StratosBridge.Tests.Unit.Evm;

public class AbiTypeTests
{
    [Theory]
    [InlineData("uint", "uint256")]
    [InlineData("int", "int256")]
    [InlineData("uint8", "uint8")]
    [InlineData("bytes32", "bytes32")]
    [InlineData("bytes1", "bytes1")]
    [InlineData("address[]", "address[]")]
    [InlineData("uint[2][]", "uint256[2][]")]
    [InlineData("(uint256,address[])[]", "(uint256,address[])[]")]
    [InlineData("tuple(bool, string)[3]", "(bool,string)[3]")]
    [InlineData("(uint256 amount, (address who, bytes data) inner)", "(uint256,(address,bytes))")]
    [InlineData(" ( bool , int8 ) ", "(bool,int8)")]
    public void Parses_to_the_canonical_name(string text, string canonical) =>
        Assert.Equal(canonical, AbiType.Parse(text).CanonicalName);

    [Theory]
    [InlineData("uint7")]
    [InlineData("uint264")]
    [InlineData("uint08")]
    [InlineData("int0")]
    [InlineData("bytes0")]
    [InlineData("bytes33")]
    [InlineData("fixed128x18")]
    [InlineData("function")]
    [InlineData("address[0]")]
    [InlineData("address[01]")]
    [InlineData("address[")]
    [InlineData("()")]
    [InlineData("(uint256,)")]
    [InlineData("(uint256")]
    [InlineData("uint256 x")]
    [InlineData("")]
    [InlineData("Uint256")]
    public void Refuses_what_is_not_an_abi_type(string text) =>
        Assert.Throws<FormatException>(() => AbiType.Parse(text));

    [Fact]
    public void Refuses_pathological_nesting()
    {
        Assert.Throws<FormatException>(() => AbiType.Parse(new string('(', 10_000) + "uint8" + new string(')', 10_000)));
        Assert.Throws<FormatException>(() => AbiType.Parse("uint8" + string.Concat(Enumerable.Repeat("[]", 100))));
        Assert.Throws<FormatException>(() => AbiType.Parse("uint256[1000000][1000000]"));
    }

    [Theory]
    [InlineData("uint256", false)]
    [InlineData("bytes32", false)]
    [InlineData("bytes", true)]
    [InlineData("string", true)]
    [InlineData("uint256[]", true)]
    [InlineData("uint256[3]", false)]
    [InlineData("string[3]", true)]
    [InlineData("(uint256,bool)", false)]
    [InlineData("(uint256,bytes)", true)]
    public void Knows_which_types_are_dynamic(string text, bool dynamic) =>
        Assert.Equal(dynamic, AbiType.Parse(text).IsDynamic);
}
