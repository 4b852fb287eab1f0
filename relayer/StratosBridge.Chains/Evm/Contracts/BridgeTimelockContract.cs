using System.Numerics;
using StratosBridge.Chains.Evm.Abi;

namespace StratosBridge.Chains.Evm.Contracts;

/// <summary>
/// Typed binding of <c>contracts/src/BridgeTimelock.sol</c> (OpenZeppelin's TimelockController): the admin of every vault.
/// A proposer schedules a call, and after <c>getMinDelay()</c> seconds an executor runs it.
/// </summary>
public static class BridgeTimelockContract
{
    public static readonly AbiFunction Schedule = AbiFunction.Parse(
        "schedule(address target, uint256 value, bytes data, bytes32 predecessor, bytes32 salt, uint256 delay)");
    public static readonly AbiFunction Execute = AbiFunction.Parse(
        "execute(address target, uint256 value, bytes payload, bytes32 predecessor, bytes32 salt)");
    public static readonly AbiFunction GetMinDelay = AbiFunction.Parse("getMinDelay() returns (uint256)");
    public static readonly AbiFunction IsOperationReady = AbiFunction.Parse("isOperationReady(bytes32 id) returns (bool)");
    public static readonly AbiFunction HashOperation = AbiFunction.Parse(
        "hashOperation(address target, uint256 value, bytes data, bytes32 predecessor, bytes32 salt) returns (bytes32)");

    public static readonly AbiEvent CallScheduled = AbiEvent.Parse(
        "CallScheduled(bytes32 indexed id, uint256 indexed index, address target, uint256 value, bytes data, bytes32 predecessor, uint256 delay)");

    public static readonly IReadOnlyList<AbiType> ConstructorParameters = [AbiType.UInt256, AbiType.Parse("address[]"), AbiType.Parse("address[]")];

    public static ContractBinding Binding { get; } = new("BridgeTimelock", [Schedule, Execute, GetMinDelay, IsOperationReady, HashOperation], [CallScheduled],
        [.. new[]
        {
            "TimelockInsufficientDelay(uint256 delay, uint256 minDelay)", "TimelockUnexpectedOperationState(bytes32 operationId, bytes32 expectedStates)",
            "TimelockUnexecutedPredecessor(bytes32 predecessorId)", "TimelockUnauthorizedCaller(address caller)",
            "TimelockInvalidOperationLength(uint256 targets, uint256 payloads, uint256 values)",
            "AccessControlUnauthorizedAccount(address account, bytes32 neededRole)", "AccessControlBadConfirmation()",
            "FailedCall()",
        }.Select(AbiError.Parse)]);

    public static byte[] EncodeConstructor(long minDelaySeconds, IReadOnlyList<EthAddress> proposers, IReadOnlyList<EthAddress> executors) =>
        AbiCodec.Encode(ConstructorParameters,
            [new BigInteger(minDelaySeconds), proposers.Cast<object?>().ToArray(), executors.Cast<object?>().ToArray()]);

    /// <summary>Calldata to schedule <paramref name="data"/> on <paramref name="target"/> (no value, no predecessor).</summary>
    public static byte[] EncodeSchedule(EthAddress target, byte[] data, byte[] salt, long delaySeconds) =>
        Schedule.EncodeCall([target, BigInteger.Zero, data, new byte[32], salt, new BigInteger(delaySeconds)]);

    /// <summary>Calldata to execute what <see cref="EncodeSchedule"/> scheduled, once its delay has passed.</summary>
    public static byte[] EncodeExecute(EthAddress target, byte[] data, byte[] salt) =>
        Execute.EncodeCall([target, BigInteger.Zero, data, new byte[32], salt]);
}
