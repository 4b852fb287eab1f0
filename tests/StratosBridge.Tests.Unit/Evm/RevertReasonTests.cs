using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Contracts;

namespace StratosBridge.Tests.Unit.Evm;

/// <summary>
/// Our classification on top of Nethereum's error decoding: Error(string), Panic(uint256), a binding's custom errors, empty
/// and unrecognised data (real reverts of our contracts are named in BridgeContractsTests on anvil).
/// </summary>
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
    public void Decodes_a_custom_error_of_the_binding_by_its_dto()
    {
        var insufficient = ABITypedRegistry.GetError<InsufficientBalanceError>();
        Assert.Equal("cf479181", insufficient.Sha3Signature);
        var data = Hex.Decode("0xcf479181" + "0a".PadLeft(64, '0') + "14".PadLeft(64, '0'));
        var reason = RevertReason.Decode(data, [ABITypedRegistry.GetError<OpenZeppelinErrors.EnforcedPauseError>(), insufficient]);
        Assert.Equal(RevertKind.Custom, reason.Kind);
        Assert.Equal("InsufficientBalance", reason.Name);
        Assert.Equal(new object?[] { new BigInteger(10), new BigInteger(20) }, reason.Arguments);
        Assert.Equal("InsufficientBalance(10, 20)", reason.ToString());

        var daily = StosVaultContract.Binding.DecodeRevert(Hex.Decode("0x3e814127" + "01".PadLeft(64, '0') + "00".PadLeft(64, '0')));
        Assert.Equal("DailyCapExceeded(1, 0)", daily.ToString());
        var unauthorized = StosVaultContract.Binding.DecodeRevert(Hex.Decode(
            "0xe2517d3f" + "3535353535353535353535353535353535353535".PadLeft(64, '0') + Hex.Encode(StosVaultContract.RelayerRole, prefix: false)));
        Assert.Equal($"AccessControlUnauthorizedAccount(0x3535353535353535353535353535353535353535, {Hex.Encode(StosVaultContract.RelayerRole)})",
            unauthorized.ToString());
    }

    [Fact]
    public void Empty_unknown_and_malformed_data_do_not_throw()
    {
        Assert.Equal(RevertKind.Empty, RevertReason.Decode([]).Kind);
        Assert.Equal(RevertKind.Unrecognised, RevertReason.Decode(Hex.Decode("0xdeadbeef")).Kind);
        Assert.Equal(RevertKind.Unrecognised, RevertReason.Decode(Hex.Decode("0x08c379a0" + "20".PadLeft(64, '0'))).Kind);
        Assert.Equal(RevertKind.Unrecognised, RevertReason.Decode(Hex.Decode("0x08c3")).Kind);
        var unknownCustom = Hex.Decode("0x8e4a23d6" + "00".PadLeft(64, '0')); // Unauthorized(address)
        var reason = RevertReason.Decode(unknownCustom);
        Assert.Equal(RevertKind.Unrecognised, reason.Kind);
        Assert.Equal(unknownCustom, reason.Data.ToArray());
    }

    [Fact]
    public void Data_that_nethereum_would_read_leniently_is_unrecognised()
    {
        // a known selector whose arguments are cut short (Nethereum reads the missing words as zeros), padded with junk,
        // or a string that is not UTF-8: not what Solidity writes, so not that error
        var binding = StosVaultContract.Binding;
        Assert.Equal(RevertKind.Unrecognised, binding.DecodeRevert(Hex.Decode("0x3e814127" + "01".PadLeft(64, '0'))).Kind);
        Assert.Equal(RevertKind.Unrecognised, binding.DecodeRevert(Hex.Decode("0x3e814127" + "01".PadLeft(128, '0') + "ff")).Kind);
        Assert.Equal(RevertKind.Unrecognised, RevertReason.Decode(Hex.Decode("0x08c379a0" + "20".PadLeft(64, '0') + "02".PadLeft(64, '0')
            + "ff".PadRight(64, '0'))).Kind);
        Assert.Equal(RevertKind.Custom, binding.DecodeRevert(Hex.Decode("0x3e814127" + "01".PadLeft(128, '0'))).Kind);
    }

    [Error("InsufficientBalance")]
    private sealed class InsufficientBalanceError : IErrorDTO
    {
        [Parameter("uint256", "available", 1)] public BigInteger Available { get; set; }
        [Parameter("uint256", "required", 2)] public BigInteger Required { get; set; }
    }
}
