using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.Util;

namespace StratosBridge.Chains.Evm.Contracts;

/// <summary>
/// Typed binding of Stratos' SystemContract at <see cref="Address"/> (EVM chain 2048) as Nethereum DTOs:
/// <c>runMsg(bytes anyBytes)</c> executes a Cosmos message (a protobuf <c>Any</c>) whose signer must be the caller, and
/// emits <c>MsgExecuted</c>. On the devnet the same ABI is served by <c>contracts/src/SystemContractStandIn.sol</c>
/// (artifact <c>SystemContractStandIn</c>), which the binding test checks against.
/// </summary>
public static class StratosSystemContract
{
    /// <summary>The SystemContract's fixed address on Stratos chain.</summary>
    public static readonly EthAddress Address = EthAddress.Parse("0x1000000000000000000000000000000000010101");

    /// <summary>The type URL of the Ozone purchase message.</summary>
    public const string MsgPrepayTypeUrl = "/stratos.sds.v1.MsgPrepay";

    public static ContractBinding Binding { get; } =
        ContractBinding.Of("SystemContractStandIn", typeof(StratosSystemContract), typeof(OpenZeppelinErrors.EnforcedPauseError));

    [Function("runMsg", "bytes")]
    public sealed class RunMsgFunction : FunctionMessage
    {
        [Parameter("bytes", "data", 1)] public byte[] Data { get; set; } = [];
    }

    /// <summary>
    /// A message the SystemContract ran. The type URL is an indexed string, so the log carries only its keccak256 (0x hex);
    /// compare with <see cref="IsType"/>.
    /// </summary>
    [Event("MsgExecuted")]
    public sealed class MsgExecutedEvent : IEventDTO
    {
        [Parameter("address", "signer", 1, true)] public string Signer { get; set; } = "";
        [Parameter("string", "typeUrl", 2, true)] public string TypeUrlHash { get; set; } = "";
        [Parameter("bytes", "data", 3, false)] public byte[] Data { get; set; } = [];

        public bool IsType(string typeUrl) =>
            Hex.TryDecode(TypeUrlHash, out var hash) && hash.AsSpan().SequenceEqual(Sha3Keccack.Current.CalculateHashAsBytes(typeUrl));
    }

    [Error("ActionFailed")]
    public sealed class ActionFailedError : IErrorDTO
    {
        [Parameter("uint8", "name", 1)] public byte Name { get; set; }
        [Parameter("bytes", "data", 2)] public byte[] Data { get; set; } = [];
    }

    [Error("MalformedAny")]
    public sealed class MalformedAnyError : IErrorDTO;

    [Error("NotAllowedExecutor")]
    public sealed class NotAllowedExecutorError : IErrorDTO
    {
        [Parameter("address", "guy", 1)] public string Guy { get; set; } = "";
    }

    [Error("NotAllowedSigner")]
    public sealed class NotAllowedSignerError : IErrorDTO
    {
        [Parameter("address", "shguy", 1)] public string Shguy { get; set; } = "";
        [Parameter("address", "pbguy", 2)] public string Pbguy { get; set; } = "";
    }

    [Error("NotAllowedTypeUrl")]
    public sealed class NotAllowedTypeUrlError : IErrorDTO
    {
        [Parameter("string", "typeUrl", 1)] public string TypeUrl { get; set; } = "";
    }

    [Error("NotMaintainer")]
    public sealed class NotMaintainerError : IErrorDTO
    {
        [Parameter("address", "caller", 1)] public string Caller { get; set; } = "";
    }

    public static byte[] EncodeRunMsg(byte[] anyBytes) => new RunMsgFunction { Data = anyBytes }.GetCallData();

    /// <summary>The <c>Any</c> bytes a <c>runMsg</c> call carries. Throws <see cref="FormatException"/> for other calldata.</summary>
    public static byte[] DecodeRunMsg(ReadOnlySpan<byte> calldata)
    {
        var selector = ABITypedRegistry.GetFunctionABI<RunMsgFunction>().Sha3Signature;
        if (calldata.Length < 4 + 64 || Hex.Encode(calldata[..4], prefix: false) != selector)
        {
            throw new FormatException($"the calldata is not a runMsg call (selector 0x{selector} and an offset and length)");
        }
        try
        {
            return new RunMsgFunction().DecodeInput(Hex.Encode(calldata)).Data;
        }
        catch (Exception e) // Nethereum throws plain Exception, IndexOutOfRangeException…: all mean "does not decode"
        {
            throw new FormatException($"the runMsg calldata does not decode: {e.Message}", e);
        }
    }
}
