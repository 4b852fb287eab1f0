using System.Text;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Stratos;
using StratosBridge.Chains.Stratos.Prepay;
using StratosBridge.TestKit.Anvil;

namespace StratosBridge.Tests.Integration.Grants;

/// <summary>
/// The devnet's SystemContract refusing the prepays of one beneficiary for good, as Stratos' refuses a message it can never
/// run: <c>runMsg</c> reverts <c>MalformedAny()</c> when the MsgPrepay names that beneficiary, and everything else is the
/// stand-in's own code (moved to <see cref="StandInCopy"/> and run there by <c>DELEGATECALL</c>, so its storage, its
/// <c>MsgExecuted</c> log and the companion see the SystemContract as before). Placed with <c>anvil_setCode</c>; the test
/// puts the stand-in's code back when it is done. Hand-assembled EVM code (below), small enough to read:
/// <code>
/// PUSH1 at; CALLDATALOAD; PUSH32 word; EQ; PUSH2 refuse; JUMPI        // the beneficiary's st1… text at its place in runMsg's calldata
/// CALLDATASIZE; PUSH1 0; PUSH1 0; CALLDATACOPY
/// PUSH1 0; PUSH1 0; CALLDATASIZE; PUSH1 0; PUSH20 copy; GAS; DELEGATECALL
/// RETURNDATASIZE; PUSH1 0; PUSH1 0; RETURNDATACOPY; PUSH2 ok; JUMPI
/// RETURNDATASIZE; PUSH1 0; REVERT                                     // the stand-in's revert, as it was
/// ok: JUMPDEST; RETURNDATASIZE; PUSH1 0; RETURN
/// refuse: JUMPDEST; PUSH4 MalformedAny(); PUSH1 224; SHL; PUSH1 0; MSTORE; PUSH1 4; PUSH1 0; REVERT
/// </code>
/// </summary>
public static class RefusingSystemContract
{
    /// <summary>Where the stand-in's code runs from while the refusing code stands at the SystemContract's address.</summary>
    public static readonly EthAddress StandInCopy = EthAddress.Parse("0x5afe000000000000000000000000000000010101");

    /// <summary>Makes the SystemContract of <paramref name="stratos"/> refuse the prepays for <paramref name="beneficiary"/>; returns the code to put back.</summary>
    public static async Task<string> InstallAsync(AnvilNode stratos, EthAddress beneficiary)
    {
        ArgumentNullException.ThrowIfNull(stratos);
        var standIn = (await stratos.RpcAsync("eth_getCode", StratosSystemContract.Address.ToLowerHex(), "latest")).GetString()!;
        Assert.True(standIn.Length > 4, "no SystemContract stand-in on the devnet");
        await stratos.RpcAsync("anvil_setCode", StandInCopy.ToLowerHex(), standIn);
        await stratos.RpcAsync("anvil_setCode", StratosSystemContract.Address.ToLowerHex(), Hex.Encode(Code(beneficiary)));
        return standIn;
    }

    /// <summary>Puts the stand-in's code back at the SystemContract's address.</summary>
    public static async Task RestoreAsync(AnvilNode stratos, string standIn)
    {
        ArgumentNullException.ThrowIfNull(stratos);
        await stratos.RpcAsync("anvil_setCode", StratosSystemContract.Address.ToLowerHex(), standIn);
    }

    /// <summary>The refusing code for <paramref name="beneficiary"/>.</summary>
    public static byte[] Code(EthAddress beneficiary)
    {
        // Where the beneficiary's st1… text sits in runMsg's calldata: after the selector, the bytes' offset and length, the
        // Any's type URL and the sender (an st1… text of fixed length); the amount comes after it, so any sender and amount
        // give the same place.
        var text = Encoding.ASCII.GetBytes(StratosAddress.FromEvm(beneficiary).Bech32);
        var calldata = StratosSystemContract.EncodeRunMsg(StratosPrepay.EncodeAny(StandInCopy, beneficiary, 1));
        var at = calldata.AsSpan().IndexOf(text);
        Assert.True(at is >= 68 and < 256, $"the beneficiary is not where expected in runMsg's calldata ({at})");
        var code = new List<byte> { 0x60, (byte)at, 0x35, 0x7f };
        code.AddRange(text[..32]);
        code.Add(0x14);
        var refuseJump = Jump(code);
        code.AddRange([0x36, 0x60, 0x00, 0x60, 0x00, 0x37]);
        code.AddRange([0x60, 0x00, 0x60, 0x00, 0x36, 0x60, 0x00, 0x73]);
        code.AddRange(StandInCopy.ToArray());
        code.AddRange([0x5a, 0xf4, 0x3d, 0x60, 0x00, 0x60, 0x00, 0x3e]);
        var okJump = Jump(code);
        code.AddRange([0x3d, 0x60, 0x00, 0xfd]);
        Land(code, okJump);
        code.AddRange([0x3d, 0x60, 0x00, 0xf3]);
        Land(code, refuseJump);
        code.Add(0x63);
        code.AddRange(Nethereum.Util.Sha3Keccack.Current.CalculateHash(System.Text.Encoding.UTF8.GetBytes("MalformedAny()")).Take(4));
        code.AddRange([0x60, 0xe0, 0x1b, 0x60, 0x00, 0x52, 0x60, 0x04, 0x60, 0x00, 0xfd]);
        return [.. code];
    }

    /// <summary>PUSH2 (destination filled in by <see cref="Land"/>) and JUMPI; returns where the destination goes.</summary>
    private static int Jump(List<byte> code)
    {
        code.AddRange([0x61, 0x00, 0x00, 0x57]);
        return code.Count - 3;
    }

    /// <summary>A JUMPDEST here, and the pending jump at <paramref name="at"/> pointed at it.</summary>
    private static void Land(List<byte> code, int at)
    {
        code[at] = (byte)(code.Count >> 8);
        code[at + 1] = (byte)code.Count;
        code.Add(0x5b);
    }
}
