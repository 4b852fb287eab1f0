using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace StratosBridge.Chains.Evm.Contracts;

/// <summary>
/// Typed binding of <c>contracts/src/BridgeTimelock.sol</c> (OpenZeppelin's TimelockController), the admin of every vault,
/// as Nethereum DTOs. A proposer schedules a call, and after <c>getMinDelay()</c> seconds an executor runs it; the chain
/// watcher raises an alarm on every <c>CallScheduled</c>.
/// </summary>
public static class BridgeTimelockContract
{
    public static ContractBinding Binding { get; } = ContractBinding.Of("BridgeTimelock", typeof(BridgeTimelockContract),
        typeof(OpenZeppelinErrors.AccessControlBadConfirmationError), typeof(OpenZeppelinErrors.AccessControlUnauthorizedAccountError));

    [Function("schedule")]
    public sealed class ScheduleFunction : FunctionMessage
    {
        [Parameter("address", "target", 1)] public string Target { get; set; } = "";
        [Parameter("uint256", "value", 2)] public BigInteger Value { get; set; }
        [Parameter("bytes", "data", 3)] public byte[] Data { get; set; } = [];
        [Parameter("bytes32", "predecessor", 4)] public byte[] Predecessor { get; set; } = new byte[32];
        [Parameter("bytes32", "salt", 5)] public byte[] Salt { get; set; } = [];
        [Parameter("uint256", "delay", 6)] public BigInteger Delay { get; set; }
    }

    [Function("execute")]
    public sealed class ExecuteFunction : FunctionMessage
    {
        [Parameter("address", "target", 1)] public string Target { get; set; } = "";
        [Parameter("uint256", "value", 2)] public BigInteger Value { get; set; }
        [Parameter("bytes", "payload", 3)] public byte[] Payload { get; set; } = [];
        [Parameter("bytes32", "predecessor", 4)] public byte[] Predecessor { get; set; } = new byte[32];
        [Parameter("bytes32", "salt", 5)] public byte[] Salt { get; set; } = [];
    }

    [Function("getMinDelay", "uint256")]
    public sealed class GetMinDelayFunction : FunctionMessage;

    [Event("CallScheduled")]
    public sealed class CallScheduledEvent : IEventDTO
    {
        [Parameter("bytes32", "id", 1, true)] public byte[] Id { get; set; } = [];
        [Parameter("uint256", "index", 2, true)] public BigInteger Index { get; set; }
        [Parameter("address", "target", 3, false)] public string Target { get; set; } = "";
        [Parameter("uint256", "value", 4, false)] public BigInteger Value { get; set; }
        [Parameter("bytes", "data", 5, false)] public byte[] Data { get; set; } = [];
        [Parameter("bytes32", "predecessor", 6, false)] public byte[] Predecessor { get; set; } = [];
        [Parameter("uint256", "delay", 7, false)] public BigInteger Delay { get; set; }
    }

    /// <summary>The constructor: (minDelay, proposers, executors).</summary>
    public sealed class Deployment : ContractDeploymentMessage
    {
        public Deployment()
            : base("")
        {
        }

        [Parameter("uint256", "minDelay", 1)] public BigInteger MinDelay { get; set; }
        [Parameter("address[]", "proposers", 2)] public List<string> Proposers { get; set; } = [];
        [Parameter("address[]", "executors", 3)] public List<string> Executors { get; set; } = [];
    }

    [Error("FailedCall")]
    public sealed class FailedCallError : IErrorDTO;

    [Error("TimelockInsufficientDelay")]
    public sealed class TimelockInsufficientDelayError : IErrorDTO
    {
        [Parameter("uint256", "delay", 1)] public BigInteger Delay { get; set; }
        [Parameter("uint256", "minDelay", 2)] public BigInteger MinDelay { get; set; }
    }

    [Error("TimelockInvalidOperationLength")]
    public sealed class TimelockInvalidOperationLengthError : IErrorDTO
    {
        [Parameter("uint256", "targets", 1)] public BigInteger Targets { get; set; }
        [Parameter("uint256", "payloads", 2)] public BigInteger Payloads { get; set; }
        [Parameter("uint256", "values", 3)] public BigInteger Values { get; set; }
    }

    [Error("TimelockUnauthorizedCaller")]
    public sealed class TimelockUnauthorizedCallerError : IErrorDTO
    {
        [Parameter("address", "caller", 1)] public string Caller { get; set; } = "";
    }

    [Error("TimelockUnexecutedPredecessor")]
    public sealed class TimelockUnexecutedPredecessorError : IErrorDTO
    {
        [Parameter("bytes32", "predecessorId", 1)] public byte[] PredecessorId { get; set; } = [];
    }

    [Error("TimelockUnexpectedOperationState")]
    public sealed class TimelockUnexpectedOperationStateError : IErrorDTO
    {
        [Parameter("bytes32", "operationId", 1)] public byte[] OperationId { get; set; } = [];
        [Parameter("bytes32", "expectedStates", 2)] public byte[] ExpectedStates { get; set; } = [];
    }

    /// <summary>Creation code with the constructor's arguments.</summary>
    public static byte[] CreationCode(byte[] bytecode, long minDelaySeconds, IReadOnlyList<EthAddress> proposers, IReadOnlyList<EthAddress> executors) =>
        new Deployment
        {
            ByteCode = Hex.Encode(bytecode), MinDelay = minDelaySeconds, Proposers = [.. proposers.Select(p => p.ToLowerHex())],
            Executors = [.. executors.Select(e => e.ToLowerHex())],
        }.GetDeploymentData();

    /// <summary>Calldata to schedule <paramref name="data"/> on <paramref name="target"/> (no value, no predecessor).</summary>
    public static byte[] EncodeSchedule(EthAddress target, byte[] data, byte[] salt, long delaySeconds) =>
        new ScheduleFunction { Target = target.ToLowerHex(), Data = data, Salt = salt, Delay = delaySeconds }.GetCallData();

    /// <summary>Calldata to execute what <see cref="EncodeSchedule"/> scheduled, once its delay has passed.</summary>
    public static byte[] EncodeExecute(EthAddress target, byte[] data, byte[] salt) =>
        new ExecuteFunction { Target = target.ToLowerHex(), Payload = data, Salt = salt }.GetCallData();
}
