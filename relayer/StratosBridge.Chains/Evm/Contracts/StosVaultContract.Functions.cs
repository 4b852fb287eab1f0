using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace StratosBridge.Chains.Evm.Contracts;

// The vault's functions the bridge calls (writes) and reads (views), as Nethereum function messages.
public static partial class StosVaultContract
{
    [Function("lock", "uint64")]
    public sealed class LockFunction : FunctionMessage
    {
        [Parameter("uint256", "amount", 1)] public BigInteger Amount { get; set; }
        [Parameter("address", "recipient", 2)] public string Recipient { get; set; } = "";
    }

    [Function("release")]
    public sealed class ReleaseFunction : FunctionMessage
    {
        [Parameter("tuple", "r", 1)] public ReleaseAttestation R { get; set; } = new();
        [Parameter("bytes[]", "signatures", 2)] public List<byte[]> Signatures { get; set; } = [];
    }

    [Function("releaseBatch")]
    public sealed class ReleaseBatchFunction : FunctionMessage
    {
        [Parameter("tuple[]", "releases", 1)] public List<ReleaseAttestation> Releases { get; set; } = [];
        [Parameter("bytes[][]", "signatures", 2)] public List<List<byte[]>> Signatures { get; set; } = [];
    }

    [Function("cancel")]
    public sealed class CancelFunction : FunctionMessage
    {
        [Parameter("uint64", "nonce", 1)] public ulong LockNonce { get; set; }
        [Parameter("bytes[]", "signatures", 2)] public List<byte[]> Signatures { get; set; } = [];
    }

    [Function("refund")]
    public sealed class RefundFunction : FunctionMessage
    {
        [Parameter("uint64", "nonce", 1)] public ulong LockNonce { get; set; }
        [Parameter("address", "sender", 2)] public string Sender { get; set; } = "";
        [Parameter("uint256", "amount", 3)] public BigInteger Amount { get; set; }
        [Parameter("bytes[]", "signatures", 4)] public List<byte[]> Signatures { get; set; } = [];
    }

    [Function("fund")]
    public sealed class FundFunction : FunctionMessage
    {
        [Parameter("uint256", "amount", 1)] public BigInteger Amount { get; set; }
    }

    [Function("pause")]
    public sealed class PauseFunction : FunctionMessage;

    [Function("unpause")]
    public sealed class UnpauseFunction : FunctionMessage;

    [Function("setReleaseCap")]
    public sealed class SetReleaseCapFunction : FunctionMessage
    {
        [Parameter("uint256", "releaseCap_", 1)] public BigInteger ReleaseCap { get; set; }
    }

    [Function("setLockLimits")]
    public sealed class SetLockLimitsFunction : FunctionMessage
    {
        [Parameter("uint256", "minLock_", 1)] public BigInteger MinLock { get; set; }
        [Parameter("uint256", "maxLock_", 2)] public BigInteger MaxLock { get; set; }
        [Parameter("uint256", "fee_", 3)] public BigInteger Fee { get; set; }
    }

    [Function("hasRole", "bool")]
    public sealed class HasRoleFunction : FunctionMessage
    {
        [Parameter("bytes32", "role", 1)] public byte[] Role { get; set; } = [];
        [Parameter("address", "account", 2)] public string Account { get; set; } = "";
    }

    [Function("usedSourceEvents", "bool")]
    public sealed class UsedSourceEventsFunction : FunctionMessage
    {
        [Parameter("bytes32", "sourceEventId", 1)] public byte[] SourceEventId { get; set; } = [];
    }

    /// <summary>What the vault recorded for a used release id: <see cref="VaultRelease.Content"/>, <see cref="CancelledContent"/>, or zero.</summary>
    [Function("usedContent", "bytes32")]
    public sealed class UsedContentFunction : FunctionMessage
    {
        [Parameter("bytes32", "sourceEventId", 1)] public byte[] SourceEventId { get; set; } = [];
    }

    [Function("refunded", "bool")]
    public sealed class RefundedFunction : FunctionMessage
    {
        [Parameter("uint64", "nonce", 1)] public ulong LockNonce { get; set; }
    }

    [Function("claimable", "uint256")]
    public sealed class ClaimableFunction : FunctionMessage
    {
        [Parameter("address", "recipient", 1)] public string Recipient { get; set; } = "";
    }

    [Function("hashRelease", "bytes32")]
    public sealed class HashReleaseFunction : FunctionMessage
    {
        [Parameter("tuple", "r", 1)] public ReleaseAttestation R { get; set; } = new();
    }

    [Function("hashCancel", "bytes32")]
    public sealed class HashCancelFunction : FunctionMessage
    {
        [Parameter("uint64", "nonce", 1)] public ulong LockNonce { get; set; }
    }

    [Function("hashRefund", "bytes32")]
    public sealed class HashRefundFunction : FunctionMessage
    {
        [Parameter("uint64", "nonce", 1)] public ulong LockNonce { get; set; }
        [Parameter("address", "sender", 2)] public string Sender { get; set; } = "";
        [Parameter("uint256", "amount", 3)] public BigInteger Amount { get; set; }
    }

    /// <summary>How many distinct attester signatures a release, cancel or refund needs.</summary>
    [Function("threshold", "uint256")]
    public sealed class ThresholdFunction : FunctionMessage;

    [Function("paused", "bool")]
    public sealed class PausedFunction : FunctionMessage;

    [Function("token", "address")]
    public sealed class TokenFunction : FunctionMessage;

    [Function("peerVault", "address")]
    public sealed class PeerVaultFunction : FunctionMessage;

    [Function("destChainId", "uint256")]
    public sealed class DestChainIdFunction : FunctionMessage;

    [Function("minLock", "uint256")]
    public sealed class MinLockFunction : FunctionMessage;

    [Function("maxLock", "uint256")]
    public sealed class MaxLockFunction : FunctionMessage;

    [Function("fee", "uint256")]
    public sealed class FeeFunction : FunctionMessage;

    [Function("releaseCap", "uint256")]
    public sealed class ReleaseCapFunction : FunctionMessage;

    [Function("dailyCap", "uint256")]
    public sealed class DailyCapFunction : FunctionMessage;

    [Function("availableOutflow", "uint256")]
    public sealed class AvailableOutflowFunction : FunctionMessage;

    [Function("liquidity", "uint256")]
    public sealed class LiquidityFunction : FunctionMessage;

    [Function("reserved", "uint256")]
    public sealed class ReservedFunction : FunctionMessage;

    [Function("totalClaimable", "uint256")]
    public sealed class TotalClaimableFunction : FunctionMessage;

    [Function("totalLocked", "uint256")]
    public sealed class TotalLockedFunction : FunctionMessage;

    [Function("totalReleased", "uint256")]
    public sealed class TotalReleasedFunction : FunctionMessage;

    [Function("totalRefunded", "uint256")]
    public sealed class TotalRefundedFunction : FunctionMessage;

    [Function("totalFunded", "uint256")]
    public sealed class TotalFundedFunction : FunctionMessage;
}
