using System.Numerics;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Abi;

namespace StratosBridge.Tests.Unit.Evm;

public class RevertReasonTests
{
    [Fact]
    public void Decodes_error_string_as_in_the_solidity_docs()
    {
        // revert("Not enough Ether provided.")
        var data = Hex.Decode("0x08c379a0" + "20".PadLeft(64, '0') + "1a".PadLeft(64, '0')
            + "4e6f7420656e6f7567682045746865722070726f76696465642e".PadRight(64, '0'));
        var reason = RevertReason.Decode(data);
        Assert.Equal(RevertKind.Error, reason.Kind);
        Assert.Equal("Error", reason.Name);
        Assert.Equal("Not enough Ether provided.", Assert.Single(reason.Arguments));
        Assert.Equal("Error(\"Not enough Ether provided.\")", reason.ToString());
    }

    [Fact]
    public void Decodes_a_panic_code_and_names_it()
    {
        var reason = RevertReason.Decode(Hex.Decode("0x4e487b71" + "11".PadLeft(64, '0')));
        Assert.Equal(RevertKind.Panic, reason.Kind);
        Assert.Equal(new BigInteger(0x11), Assert.Single(reason.Arguments));
        Assert.Equal("Panic(0x11: arithmetic overflow or underflow)", reason.ToString());
    }

    [Fact]
    public void Decodes_a_custom_error_given_its_signature()
    {
        var insufficient = AbiError.Parse("error InsufficientBalance(uint256 available, uint256 required)");
        Assert.Equal("0xcf479181", Hex.Encode(insufficient.Selector));
        var data = insufficient.Encode([10, 20]);
        var reason = RevertReason.Decode(data, [AbiError.Parse("Paused()"), insufficient]);
        Assert.Equal(RevertKind.Custom, reason.Kind);
        Assert.Equal("InsufficientBalance", reason.Name);
        Assert.Equal(new object?[] { new BigInteger(10), new BigInteger(20) }, reason.Arguments);
        Assert.Equal("InsufficientBalance(10, 20)", reason.ToString());
    }

    [Fact]
    public void Empty_unknown_and_malformed_data_do_not_throw()
    {
        Assert.Equal(RevertKind.Empty, RevertReason.Decode([]).Kind);
        Assert.Equal(RevertKind.Unrecognised, RevertReason.Decode(Hex.Decode("0xdeadbeef")).Kind);
        Assert.Equal(RevertKind.Unrecognised, RevertReason.Decode(Hex.Decode("0x08c379a0" + "20".PadLeft(64, '0'))).Kind);
        Assert.Equal(RevertKind.Unrecognised, RevertReason.Decode(Hex.Decode("0x08c3")).Kind);
        var unknownCustom = AbiError.Parse("Unauthorized(address)").Encode([EthAddress.Zero]);
        var reason = RevertReason.Decode(unknownCustom);
        Assert.Equal(RevertKind.Unrecognised, reason.Kind);
        Assert.Equal(unknownCustom, reason.Data.ToArray());
    }
}
