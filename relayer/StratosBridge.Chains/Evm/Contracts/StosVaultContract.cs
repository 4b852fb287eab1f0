using System.Numerics;
using Nethereum.Util;
using StratosBridge.Chains.Evm.Abi;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Chains.Evm.Signing;

namespace StratosBridge.Chains.Evm.Contracts;

/// <summary>
/// Typed binding of <c>contracts/src/StosVault.sol</c> (artifact <c>StosVault</c>): calldata for the calls the bridge
/// makes, the events it watches, its custom errors, and the EIP-712 attestation an attester signs for a release.
/// </summary>
public static class StosVaultContract
{
    private const string ReleaseTuple = "(uint256,address,uint64,address,uint256)";

    public static readonly AbiFunction Lock = AbiFunction.Parse("lock(uint256 amount, address recipient) returns (uint64)");
    public static readonly AbiFunction Release = AbiFunction.Parse($"release({ReleaseTuple} r, bytes[] signatures)");
    public static readonly AbiFunction ReleaseBatch = AbiFunction.Parse($"releaseBatch({ReleaseTuple}[] releases, bytes[][] signatures)");
    public static readonly AbiFunction Cancel = AbiFunction.Parse("cancel(uint64 nonce, bytes[] signatures)");
    public static readonly AbiFunction Refund = AbiFunction.Parse("refund(uint64 nonce, address sender, uint256 amount, bytes[] signatures)");
    public static readonly AbiFunction ClaimFor = AbiFunction.Parse("claimFor(address recipient)");
    public static readonly AbiFunction Fund = AbiFunction.Parse("fund(uint256 amount)");
    public static readonly AbiFunction Pause = AbiFunction.Parse("pause()");
    public static readonly AbiFunction Unpause = AbiFunction.Parse("unpause()");
    public static readonly AbiFunction Paused = AbiFunction.Parse("paused() returns (bool)");
    public static readonly AbiFunction GrantRole = AbiFunction.Parse("grantRole(bytes32 role, address account)");
    public static readonly AbiFunction HasRole = AbiFunction.Parse("hasRole(bytes32 role, address account) returns (bool)");
    public static readonly AbiFunction UsedSourceEvents = AbiFunction.Parse("usedSourceEvents(bytes32 sourceEventId) returns (bool)");
    public static readonly AbiFunction UsedContent = AbiFunction.Parse("usedContent(bytes32 sourceEventId) returns (bytes32 content)");
    public static readonly AbiFunction Refunded = AbiFunction.Parse("refunded(uint64 nonce) returns (bool)");
    public static readonly AbiFunction HashRelease = AbiFunction.Parse($"hashRelease({ReleaseTuple} r) returns (bytes32)");
    public static readonly AbiFunction HashCancel = AbiFunction.Parse("hashCancel(uint64 nonce) returns (bytes32)");
    public static readonly AbiFunction HashRefund = AbiFunction.Parse("hashRefund(uint64 nonce, address sender, uint256 amount) returns (bytes32)");
    public static readonly AbiFunction Token = AbiFunction.Parse("token() returns (address)");
    public static readonly AbiFunction DestChainId = AbiFunction.Parse("destChainId() returns (uint256)");
    public static readonly AbiFunction PeerVault = AbiFunction.Parse("peerVault() returns (address)");
    public static readonly AbiFunction Threshold = AbiFunction.Parse("threshold() returns (uint256)");
    public static readonly AbiFunction MinLock = AbiFunction.Parse("minLock() returns (uint256)");
    public static readonly AbiFunction MaxLock = AbiFunction.Parse("maxLock() returns (uint256)");
    public static readonly AbiFunction Fee = AbiFunction.Parse("fee() returns (uint256)");
    public static readonly AbiFunction Liquidity = AbiFunction.Parse("liquidity() returns (uint256)");
    public static readonly AbiFunction AvailableOutflow = AbiFunction.Parse("availableOutflow() returns (uint256)");
    public static readonly AbiFunction ReleaseCap = AbiFunction.Parse("releaseCap() returns (uint256)");
    public static readonly AbiFunction DailyCap = AbiFunction.Parse("dailyCap() returns (uint256)");
    public static readonly AbiFunction TotalLocked = AbiFunction.Parse("totalLocked() returns (uint256)");
    public static readonly AbiFunction TotalReleased = AbiFunction.Parse("totalReleased() returns (uint256)");
    public static readonly AbiFunction TotalRefunded = AbiFunction.Parse("totalRefunded() returns (uint256)");
    public static readonly AbiFunction TotalFunded = AbiFunction.Parse("totalFunded() returns (uint256)");
    public static readonly AbiFunction DefaultAdmin = AbiFunction.Parse("defaultAdmin() returns (address)");
    public static readonly AbiFunction SetThreshold = AbiFunction.Parse("setThreshold(uint256 threshold_)");
    public static readonly AbiFunction SetLockLimits = AbiFunction.Parse("setLockLimits(uint256 minLock_, uint256 maxLock_, uint256 fee_)");
    public static readonly AbiFunction SetReleaseCap = AbiFunction.Parse("setReleaseCap(uint256 releaseCap_)");
    public static readonly AbiFunction SetDailyCap = AbiFunction.Parse("setDailyCap(uint256 dailyCap_)");
    public static readonly AbiFunction Sweep = AbiFunction.Parse("sweep()");
    public static readonly AbiFunction Reserved = AbiFunction.Parse("reserved() returns (uint256)");
    public static readonly AbiFunction TotalClaimable = AbiFunction.Parse("totalClaimable() returns (uint256)");
    public static readonly AbiFunction Claimable = AbiFunction.Parse("claimable(address recipient) returns (uint256)");

    public static readonly AbiEvent Locked = AbiEvent.Parse(
        "Locked(uint64 indexed nonce, address indexed sender, address indexed recipient, uint256 amount, uint256 destChainId)");
    public static readonly AbiEvent Released = AbiEvent.Parse(
        "Released(bytes32 indexed sourceEventId, address indexed recipient, uint256 amount)");
    public static readonly AbiEvent ReleaseSkipped = AbiEvent.Parse("ReleaseSkipped(bytes32 indexed sourceEventId)");
    public static readonly AbiEvent ReleaseConflict = AbiEvent.Parse(
        "ReleaseConflict(bytes32 indexed sourceEventId, bytes32 usedContent, bytes32 content)");
    public static readonly AbiEvent ReleaseDeferred = AbiEvent.Parse(
        "ReleaseDeferred(bytes32 indexed sourceEventId, address indexed recipient, uint256 amount)");
    public static readonly AbiEvent Cancelled = AbiEvent.Parse("Cancelled(bytes32 indexed sourceEventId, uint64 nonce)");
    public static readonly AbiEvent RefundedEvent = AbiEvent.Parse("Refunded(uint64 indexed nonce, address indexed sender, uint256 amount)");
    public static readonly AbiEvent FeeCharged = AbiEvent.Parse("FeeCharged(uint64 indexed nonce, uint256 fee)");
    public static readonly AbiEvent Funded = AbiEvent.Parse("Funded(address indexed funder, uint256 amount)");

    /// <summary>keccak256("RELAYER_ROLE"): may call release, releaseBatch, cancel, refund and claimFor.</summary>
    public static readonly byte[] RelayerRole = Sha3Keccack.Current.CalculateHashAsBytes("RELAYER_ROLE");

    /// <summary>keccak256("ATTESTER_ROLE"): its EIP-712 signatures count towards the threshold.</summary>
    public static readonly byte[] AttesterRole = Sha3Keccack.Current.CalculateHashAsBytes("ATTESTER_ROLE");

    /// <summary>keccak256("PAUSER_ROLE"): may pause (unpausing is the admin's, behind its timelock).</summary>
    public static readonly byte[] PauserRole = Sha3Keccack.Current.CalculateHashAsBytes("PAUSER_ROLE");

    /// <summary>The content a cancelled id records (nothing was paid): keccak256("StosVault.Cancelled").</summary>
    public static readonly byte[] CancelledContent = Sha3Keccack.Current.CalculateHashAsBytes("StosVault.Cancelled");

    /// <summary>The constructor's one parameter, the <c>Config</c> struct (field order as in StosVault.sol).</summary>
    public static readonly IReadOnlyList<AbiType> ConstructorParameters =
    [
        AbiType.Parse("(address,uint256,address,uint64,address,uint48,address,address[],address[],address[]," +
                      "uint256,uint256,uint256,uint256,uint256,uint256,uint256,uint256)"),
    ];

    public static ContractBinding Binding { get; } = new("StosVault",
        [Lock, Release, ReleaseBatch, Cancel, Refund, ClaimFor, Fund, Pause, Unpause, Paused, GrantRole, HasRole, UsedSourceEvents,
         UsedContent, Refunded, HashRelease, HashCancel, HashRefund, Token, DestChainId, PeerVault, Threshold, MinLock, MaxLock, Fee,
         Liquidity, AvailableOutflow, ReleaseCap, DailyCap, TotalLocked, TotalReleased, TotalRefunded, TotalFunded, DefaultAdmin, SetThreshold, SetLockLimits,
         SetReleaseCap, SetDailyCap, Sweep, Reserved, TotalClaimable, Claimable],
        [Locked, Released, ReleaseSkipped, ReleaseConflict, ReleaseDeferred, Cancelled, RefundedEvent, FeeCharged, Funded],
        [.. new[]
        {
            "AccessControlBadConfirmation()", "AccessControlEnforcedDefaultAdminDelay(uint48 schedule)",
            "AccessControlEnforcedDefaultAdminRules()", "AccessControlInvalidDefaultAdmin(address defaultAdmin)",
            "AccessControlUnauthorizedAccount(address account, bytes32 neededRole)", "AlreadyRefunded(uint64 nonce)",
            "CapAboveCeiling(uint256 cap, uint256 ceiling)",
            "DailyCapExceeded(uint256 requested, uint256 available)", "DuplicateSigner(bytes32 sourceEventId, address signer)",
            "EmptyBatch()", "EnforcedPause()", "ExpectedPause()", "InsufficientLiquidity(uint256 requested, uint256 available)",
            "InsufficientSignatures(bytes32 sourceEventId, uint256 provided, uint256 required)",
            "InvalidLockLimits(uint256 minLock, uint256 maxLock, uint256 fee)", "InvalidSignature(bytes32 sourceEventId, uint256 index)",
            "InvalidThreshold(uint256 threshold, uint256 attesters)", "LengthMismatch(uint256 releases, uint256 signatures)",
            "LockAboveMaximum(uint256 amount, uint256 maxLock)", "LockBelowMinimum(uint256 amount, uint256 minLock)",
            "NativeTransferFailed(address recipient, uint256 amount)", "NativeValueMismatch(uint256 value, uint256 amount)",
            "NonceBelowStart(uint64 nonce, uint64 startNonce)", "NothingToClaim(address recipient)",
            "RecipientIsVault()", "ReentrancyGuardReentrantCall()", "ReleaseCapBelowMaxLock(uint256 releaseCap, uint256 maxLock)",
            "ReleaseCapExceeded(uint256 amount, uint256 cap)", "SafeCastOverflowedUintDowncast(uint8 bits, uint256 value)",
            "SafeERC20FailedOperation(address token)", "SignerNotAttester(bytes32 sourceEventId, address signer)",
            "SourceEventAlreadyUsed(bytes32 sourceEventId)", "TokenNotAContract(address token)",
            "UnexpectedNativeValue(uint256 value)", "UnknownLock(uint64 nonce)", "WrongSource(uint256 srcChainId, address srcVault)",
            "ZeroAmount()", "ZeroDestChainId()", "ZeroPeerVault()", "ZeroRecipient()", "ZeroTreasury()",
        }.Select(AbiError.Parse)]);

    /// <summary>Constructor arguments, ABI-encoded (append to the creation bytecode).</summary>
    public static byte[] EncodeConstructor(StosVaultConfig c) =>
        AbiCodec.Encode(ConstructorParameters,
        [
            new object?[]
            {
                c.Token, new BigInteger(c.PeerChainId), c.PeerVault, new BigInteger(c.StartNonce), c.Admin, new BigInteger(c.AdminDelaySeconds),
                c.Treasury, c.Attesters.Cast<object?>().ToArray(), c.Relayers.Cast<object?>().ToArray(), c.Pausers.Cast<object?>().ToArray(),
                new BigInteger(c.Threshold), c.MinLock, c.MaxLock, c.Fee, c.ReleaseCap, c.DailyCap, c.ReleaseCapCeiling, c.DailyCapCeiling,
            },
        ]);

    public static byte[] EncodeLock(BigInteger amount, EthAddress recipient) => Lock.EncodeCall([amount, recipient]);

    public static byte[] EncodeRelease(VaultRelease release, IReadOnlyList<byte[]> signatures) =>
        Release.EncodeCall([release.AbiTuple(), signatures.Cast<object?>().ToArray()]);

    /// <summary>Calldata for releaseBatch: one signature list per release, in the same order.</summary>
    public static byte[] EncodeReleaseBatch(IReadOnlyList<VaultRelease> releases, IReadOnlyList<IReadOnlyList<byte[]>> signatures)
    {
        if (releases.Count != signatures.Count)
        {
            throw new ArgumentException($"{releases.Count} releases but {signatures.Count} signature lists", nameof(signatures));
        }
        return ReleaseBatch.EncodeCall([
            releases.Select(r => (object?)r.AbiTuple()).ToArray(),
            signatures.Select(list => (object?)list.Cast<object?>().ToArray()).ToArray(),
        ]);
    }

    public static byte[] EncodeCancel(ulong nonce, IReadOnlyList<byte[]> signatures) =>
        Cancel.EncodeCall([new BigInteger(nonce), signatures.Cast<object?>().ToArray()]);

    public static byte[] EncodeRefund(ulong nonce, EthAddress sender, BigInteger amount, IReadOnlyList<byte[]> signatures) =>
        Refund.EncodeCall([new BigInteger(nonce), sender, amount, signatures.Cast<object?>().ToArray()]);

    /// <summary>An attester's 65-byte signature (r ‖ s ‖ v, v = 27/28) over the release, as the vault expects it.</summary>
    public static byte[] SignRelease(EthKey attester, ulong chainId, EthAddress vault, VaultRelease release) =>
        VaultAttestations.Sign(attester, chainId, vault, ReleaseAttestation.Of(release));

    /// <summary>
    /// An attester's signature cancelling, on the destination vault at <paramref name="vault"/>, lock <paramref name="nonce"/>
    /// of its peer (<paramref name="srcChainId"/>, <paramref name="srcVault"/>).
    /// </summary>
    public static byte[] SignCancel(EthKey attester, ulong chainId, EthAddress vault, long srcChainId, EthAddress srcVault, ulong nonce) =>
        VaultAttestations.Sign(attester, chainId, vault,
            new CancelAttestation { SrcChainId = srcChainId, SrcVault = srcVault.ToLowerHex(), Nonce = nonce });

    /// <summary>An attester's signature refunding lock <paramref name="nonce"/> on its source vault at <paramref name="vault"/>.</summary>
    public static byte[] SignRefund(EthKey attester, ulong chainId, EthAddress vault, ulong nonce, EthAddress sender, BigInteger amount) =>
        VaultAttestations.Sign(attester, chainId, vault, new RefundAttestation { Nonce = nonce, Sender = sender.ToLowerHex(), Amount = amount });

    /// <summary>Calls a view of the vault at <paramref name="vault"/> (at <paramref name="block"/>, latest by default); its first output.</summary>
    public static async Task<object> ReadAsync(EvmRpcClient rpc, EthAddress vault, AbiFunction view, object?[]? args = null,
        EvmBlockTag? block = null, CancellationToken ct = default) =>
        view.DecodeOutput(Hex.Decode(await rpc.CallAsync(new EvmCallRequest(vault.ToLowerHex(), Hex.Encode(view.EncodeCall(args ?? []))),
            block ?? EvmBlockTag.Latest, ct)))[0]!;

    /// <summary>Decodes a Locked log. Throws <see cref="FormatException"/> if the log is not one.</summary>
    public static VaultLocked DecodeLocked(EvmLog log)
    {
        var decoded = Decode(Locked, log);
        return new VaultLocked((ulong)(BigInteger)decoded["nonce"]!, (EthAddress)decoded["sender"]!, (EthAddress)decoded["recipient"]!,
            (BigInteger)decoded["amount"]!, (BigInteger)decoded["destChainId"]!, log);
    }

    /// <summary>Decodes a Released log. Throws <see cref="FormatException"/> if the log is not one.</summary>
    public static VaultReleased DecodeReleased(EvmLog log)
    {
        var decoded = Decode(Released, log);
        return new VaultReleased((byte[])decoded["sourceEventId"]!, (EthAddress)decoded["recipient"]!, (BigInteger)decoded["amount"]!, log);
    }

    /// <summary>The source event id of a ReleaseSkipped log (a batch entry already released with the same content).</summary>
    public static byte[] DecodeReleaseSkipped(EvmLog log) => (byte[])Decode(ReleaseSkipped, log)["sourceEventId"]!;

    /// <summary>Decodes a ReleaseConflict log (a batch entry whose id was used with other content). Throws on another log.</summary>
    public static VaultReleaseConflict DecodeReleaseConflict(EvmLog log)
    {
        var decoded = Decode(ReleaseConflict, log);
        return new VaultReleaseConflict((byte[])decoded["sourceEventId"]!, (byte[])decoded["usedContent"]!, (byte[])decoded["content"]!, log);
    }

    internal static AbiDecodedLog Decode(AbiEvent abiEvent, EvmLog log) =>
        abiEvent.DecodeLog(log.Topics.Select(Hex.Decode).ToArray(), Hex.Decode(log.Data));
}
