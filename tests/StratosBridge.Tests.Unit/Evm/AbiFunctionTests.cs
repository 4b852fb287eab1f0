using System.Numerics;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Abi;

namespace StratosBridge.Tests.Unit.Evm;

public class AbiFunctionTests
{
    [Theory]
    [InlineData("transfer(address,uint256)", "transfer(address,uint256)", "0xa9059cbb")]
    [InlineData("function transfer(address to, uint amount) returns (bool)", "transfer(address,uint256)", "0xa9059cbb")]
    [InlineData("balanceOf(address)(uint256)", "balanceOf(address)", "0x70a08231")]
    [InlineData("runMsg(bytes anyBytes)", "runMsg(bytes)", "0x86454f6a")]
    [InlineData("pay(bytes32 quoteId, address beneficiary)", "pay(bytes32,address)", "0x62ee873b")]
    public void Computes_the_canonical_signature_and_selector(string text, string signature, string selector)
    {
        var function = AbiFunction.Parse(text);
        Assert.Equal(signature, function.Signature);
        Assert.Equal(selector, Hex.Encode(function.Selector));
    }

    [Fact]
    public void Keeps_parameter_names_and_outputs()
    {
        var function = AbiFunction.Parse("transfer(address to, uint256 amount) returns (bool ok)");
        Assert.Equal(["to", "amount"], function.Inputs.Select(p => p.Name));
        Assert.Equal("bool", Assert.Single(function.Outputs).Type.CanonicalName);
        Assert.Equal(new object?[] { true }, function.DecodeOutput(AbiCodec.Encode([AbiType.Bool], [true])));
    }

    [Fact]
    public void Calldata_round_trips()
    {
        var function = AbiFunction.Parse("transfer(address,uint256)");
        var to = EthAddress.Parse("0x08c32b0726C5684024ea6e141C50aDe9690bBdcc");
        var amount = BigInteger.Parse("115792089237316195423570985008687907853269984665640564039457584007913129639935");
        var calldata = function.EncodeCall([to, amount]);
        Assert.Equal(4 + 64, calldata.Length);
        Assert.Equal(new object?[] { to, amount }, function.DecodeCall(calldata));
    }

    [Fact]
    public void Decoding_calldata_of_another_function_fails()
    {
        var calldata = AbiFunction.Parse("approve(address,uint256)").EncodeCall([EthAddress.Zero, 1]);
        Assert.Throws<FormatException>(() => AbiFunction.Parse("transfer(address,uint256)").DecodeCall(calldata));
        Assert.Throws<FormatException>(() => AbiFunction.Parse("transfer(address,uint256)").DecodeCall([0xa9, 0x05]));
    }

    [Theory]
    [InlineData("transfer")]
    [InlineData("transfer(address")]
    [InlineData("transfer(address,uint256) view")]
    [InlineData("(address)")]
    [InlineData("2fer(address)")]
    [InlineData("f(uint256 indexed x)")]
    public void Refuses_malformed_signatures(string text) => Assert.Throws<FormatException>(() => AbiFunction.Parse(text));
}
