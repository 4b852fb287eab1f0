using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace StratosBridge.Chains.Evm.Contracts;

// The vault's custom errors (all of its ABI's, with OpenZeppelin's shared ones in OpenZeppelinErrors), so that every
// revert it can raise has a name (ContractReverts, RevertReason).
public static partial class StosVaultContract
{
    [Error("AccessControlEnforcedDefaultAdminDelay")]
    public sealed class AccessControlEnforcedDefaultAdminDelayError : IErrorDTO
    {
        [Parameter("uint48", "schedule", 1)] public ulong Schedule { get; set; }
    }

    [Error("AccessControlEnforcedDefaultAdminRules")]
    public sealed class AccessControlEnforcedDefaultAdminRulesError : IErrorDTO;

    [Error("AccessControlInvalidDefaultAdmin")]
    public sealed class AccessControlInvalidDefaultAdminError : IErrorDTO
    {
        [Parameter("address", "defaultAdmin", 1)] public string DefaultAdmin { get; set; } = "";
    }

    [Error("AlreadyRefunded")]
    public sealed class AlreadyRefundedError : IErrorDTO
    {
        [Parameter("uint64", "nonce", 1)] public ulong Nonce { get; set; }
    }

    [Error("CapAboveCeiling")]
    public sealed class CapAboveCeilingError : IErrorDTO
    {
        [Parameter("uint256", "cap", 1)] public BigInteger Cap { get; set; }
        [Parameter("uint256", "ceiling", 2)] public BigInteger Ceiling { get; set; }
    }

    [Error("DailyCapExceeded")]
    public sealed class DailyCapExceededError : IErrorDTO
    {
        [Parameter("uint256", "requested", 1)] public BigInteger Requested { get; set; }
        [Parameter("uint256", "available", 2)] public BigInteger Available { get; set; }
    }

    [Error("DuplicateSigner")]
    public sealed class DuplicateSignerError : IErrorDTO
    {
        [Parameter("bytes32", "sourceEventId", 1)] public byte[] SourceEventId { get; set; } = [];
        [Parameter("address", "signer", 2)] public string Signer { get; set; } = "";
    }

    [Error("EmptyBatch")]
    public sealed class EmptyBatchError : IErrorDTO;

    [Error("InsufficientLiquidity")]
    public sealed class InsufficientLiquidityError : IErrorDTO
    {
        [Parameter("uint256", "requested", 1)] public BigInteger Requested { get; set; }
        [Parameter("uint256", "available", 2)] public BigInteger Available { get; set; }
    }

    [Error("InsufficientSignatures")]
    public sealed class InsufficientSignaturesError : IErrorDTO
    {
        [Parameter("bytes32", "sourceEventId", 1)] public byte[] SourceEventId { get; set; } = [];
        [Parameter("uint256", "provided", 2)] public BigInteger Provided { get; set; }
        [Parameter("uint256", "required", 3)] public BigInteger Required { get; set; }
    }

    [Error("InvalidLockLimits")]
    public sealed class InvalidLockLimitsError : IErrorDTO
    {
        [Parameter("uint256", "minLock", 1)] public BigInteger MinLock { get; set; }
        [Parameter("uint256", "maxLock", 2)] public BigInteger MaxLock { get; set; }
        [Parameter("uint256", "fee", 3)] public BigInteger Fee { get; set; }
    }

    [Error("InvalidSignature")]
    public sealed class InvalidSignatureError : IErrorDTO
    {
        [Parameter("bytes32", "sourceEventId", 1)] public byte[] SourceEventId { get; set; } = [];
        [Parameter("uint256", "index", 2)] public BigInteger Index { get; set; }
    }

    [Error("InvalidThreshold")]
    public sealed class InvalidThresholdError : IErrorDTO
    {
        [Parameter("uint256", "threshold", 1)] public BigInteger Threshold { get; set; }
        [Parameter("uint256", "attesters", 2)] public BigInteger Attesters { get; set; }
    }

    [Error("LengthMismatch")]
    public sealed class LengthMismatchError : IErrorDTO
    {
        [Parameter("uint256", "releases", 1)] public BigInteger Releases { get; set; }
        [Parameter("uint256", "signatures", 2)] public BigInteger Signatures { get; set; }
    }

    [Error("LockAboveMaximum")]
    public sealed class LockAboveMaximumError : IErrorDTO
    {
        [Parameter("uint256", "amount", 1)] public BigInteger Amount { get; set; }
        [Parameter("uint256", "maxLock", 2)] public BigInteger MaxLock { get; set; }
    }

    [Error("LockBelowMinimum")]
    public sealed class LockBelowMinimumError : IErrorDTO
    {
        [Parameter("uint256", "amount", 1)] public BigInteger Amount { get; set; }
        [Parameter("uint256", "minLock", 2)] public BigInteger MinLock { get; set; }
    }

    [Error("NativeTransferFailed")]
    public sealed class NativeTransferFailedError : IErrorDTO
    {
        [Parameter("address", "recipient", 1)] public string Recipient { get; set; } = "";
        [Parameter("uint256", "amount", 2)] public BigInteger Amount { get; set; }
    }

    [Error("NativeValueMismatch")]
    public sealed class NativeValueMismatchError : IErrorDTO
    {
        [Parameter("uint256", "value", 1)] public BigInteger Value { get; set; }
        [Parameter("uint256", "amount", 2)] public BigInteger Amount { get; set; }
    }

    [Error("NonceBelowStart")]
    public sealed class NonceBelowStartError : IErrorDTO
    {
        [Parameter("uint64", "nonce", 1)] public ulong Nonce { get; set; }
        [Parameter("uint64", "startNonce", 2)] public ulong StartNonce { get; set; }
    }

    [Error("NothingToClaim")]
    public sealed class NothingToClaimError : IErrorDTO
    {
        [Parameter("address", "recipient", 1)] public string Recipient { get; set; } = "";
    }

    [Error("RecipientIsVault")]
    public sealed class RecipientIsVaultError : IErrorDTO;

    [Error("ReleaseCapBelowMaxLock")]
    public sealed class ReleaseCapBelowMaxLockError : IErrorDTO
    {
        [Parameter("uint256", "releaseCap", 1)] public BigInteger ReleaseCap { get; set; }
        [Parameter("uint256", "maxLock", 2)] public BigInteger MaxLock { get; set; }
    }

    [Error("ReleaseCapExceeded")]
    public sealed class ReleaseCapExceededError : IErrorDTO
    {
        [Parameter("uint256", "amount", 1)] public BigInteger Amount { get; set; }
        [Parameter("uint256", "cap", 2)] public BigInteger Cap { get; set; }
    }

    [Error("SafeCastOverflowedUintDowncast")]
    public sealed class SafeCastOverflowedUintDowncastError : IErrorDTO
    {
        [Parameter("uint8", "bits", 1)] public byte Bits { get; set; }
        [Parameter("uint256", "value", 2)] public BigInteger Value { get; set; }
    }

    [Error("SafeERC20FailedOperation")]
    public sealed class SafeERC20FailedOperationError : IErrorDTO
    {
        [Parameter("address", "token", 1)] public string Token { get; set; } = "";
    }

    [Error("SignerNotAttester")]
    public sealed class SignerNotAttesterError : IErrorDTO
    {
        [Parameter("bytes32", "sourceEventId", 1)] public byte[] SourceEventId { get; set; } = [];
        [Parameter("address", "signer", 2)] public string Signer { get; set; } = "";
    }

    [Error("SourceEventAlreadyUsed")]
    public sealed class SourceEventAlreadyUsedError : IErrorDTO
    {
        [Parameter("bytes32", "sourceEventId", 1)] public byte[] SourceEventId { get; set; } = [];
    }

    [Error("TokenNotAContract")]
    public sealed class TokenNotAContractError : IErrorDTO
    {
        [Parameter("address", "token", 1)] public string Token { get; set; } = "";
    }

    [Error("UnexpectedNativeValue")]
    public sealed class UnexpectedNativeValueError : IErrorDTO
    {
        [Parameter("uint256", "value", 1)] public BigInteger Value { get; set; }
    }

    [Error("UnknownLock")]
    public sealed class UnknownLockError : IErrorDTO
    {
        [Parameter("uint64", "nonce", 1)] public ulong Nonce { get; set; }
    }

    [Error("WrongSource")]
    public sealed class WrongSourceError : IErrorDTO
    {
        [Parameter("uint256", "srcChainId", 1)] public BigInteger SrcChainId { get; set; }
        [Parameter("address", "srcVault", 2)] public string SrcVault { get; set; } = "";
    }

    [Error("ZeroAmount")]
    public sealed class ZeroAmountError : IErrorDTO;

    [Error("ZeroDestChainId")]
    public sealed class ZeroDestChainIdError : IErrorDTO;

    [Error("ZeroPeerVault")]
    public sealed class ZeroPeerVaultError : IErrorDTO;

    [Error("ZeroRecipient")]
    public sealed class ZeroRecipientError : IErrorDTO;

    [Error("ZeroTreasury")]
    public sealed class ZeroTreasuryError : IErrorDTO;
}
