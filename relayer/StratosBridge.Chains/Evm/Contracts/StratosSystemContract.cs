using StratosBridge.Chains.Evm.Abi;
using StratosBridge.Chains.Evm.Rpc;

namespace StratosBridge.Chains.Evm.Contracts;

/// <summary>
/// Typed binding of Stratos' SystemContract at <see cref="Address"/> (EVM chain 2048): <c>runMsg(bytes anyBytes)</c>
/// executes a Cosmos message (a protobuf <c>Any</c>) whose signer must be the caller, and emits <c>MsgExecuted</c>.
/// On the devnet the same ABI is served by <c>contracts/src/SystemContractStandIn.sol</c> (artifact
/// <c>SystemContractStandIn</c>), which the binding test checks against.
/// </summary>
public static class StratosSystemContract
{
    /// <summary>The SystemContract's fixed address on Stratos chain.</summary>
    public static readonly EthAddress Address = EthAddress.Parse("0x1000000000000000000000000000000000010101");

    /// <summary>The type URL of the Ozone purchase message.</summary>
    public const string MsgPrepayTypeUrl = "/stratos.sds.v1.MsgPrepay";

    public static readonly AbiFunction RunMsg = AbiFunction.Parse("runMsg(bytes data) returns (bytes)");

    public static readonly AbiEvent MsgExecuted = AbiEvent.Parse("MsgExecuted(address indexed signer, string indexed typeUrl, bytes data)");

    public static ContractBinding Binding { get; } = new("SystemContractStandIn",
        [RunMsg],
        [MsgExecuted],
        [.. new[]
        {
            "ActionFailed(uint8 name, bytes data)", "EnforcedPause()", "MalformedAny()", "NotAllowedExecutor(address guy)",
            "NotAllowedSigner(address shguy, address pbguy)", "NotAllowedTypeUrl(string typeUrl)", "NotMaintainer(address caller)",
        }.Select(AbiError.Parse)]);

    public static byte[] EncodeRunMsg(byte[] anyBytes) => RunMsg.EncodeCall([anyBytes]);

    /// <summary>The <c>Any</c> bytes a <c>runMsg</c> call carries. Throws <see cref="FormatException"/> for other calldata.</summary>
    public static byte[] DecodeRunMsg(ReadOnlySpan<byte> calldata) => (byte[])RunMsg.DecodeCall(calldata)[0]!;

    /// <summary>Decodes a MsgExecuted log: the signer, keccak256 of the type URL (it is indexed), and the response bytes.</summary>
    public static MsgExecuted DecodeMsgExecuted(EvmLog log)
    {
        var decoded = StosVaultContract.Decode(MsgExecuted, log);
        return new MsgExecuted((EthAddress)decoded["signer"]!, ((AbiIndexedHash)decoded["typeUrl"]!).Hash.ToArray(),
            (byte[])decoded["data"]!, log);
    }
}
