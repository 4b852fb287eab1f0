using System.Numerics;
using StratosBridge.Chains.Evm.Abi;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Chains.Evm.TypedData;

namespace StratosBridge.Chains.Evm.Contracts;

/// <summary>
/// Typed binding of <c>contracts/src/StosVault.sol</c> (artifact <c>StosVault</c>): calldata for the calls the bridge
/// makes, the events it watches, its custom errors, and the EIP-712 attestation an attester signs for a release.
/// </summary>
public static class StosVaultContract
{
    /// <summary>EIP-712 domain name and version the vault verifies attestations against.</summary>
    public const string DomainName = "StosVault";

    /// <inheritdoc cref="DomainName"/>
    public const string DomainVersion = "1";

    public static readonly AbiFunction Lock = AbiFunction.Parse("lock(uint256 amount, address recipient) returns (uint64)");
    public static readonly AbiFunction Release = AbiFunction.Parse(
        "release(bytes32 sourceEventId, address recipient, uint256 amount, bytes[] signatures)");
    public static readonly AbiFunction ReleaseBatch = AbiFunction.Parse(
        "releaseBatch((bytes32,address,uint256)[] releases, bytes[][] signatures)");
    public static readonly AbiFunction Fund = AbiFunction.Parse("fund(uint256 amount)");
    public static readonly AbiFunction Pause = AbiFunction.Parse("pause()");
    public static readonly AbiFunction Unpause = AbiFunction.Parse("unpause()");
    public static readonly AbiFunction Paused = AbiFunction.Parse("paused() returns (bool)");
    public static readonly AbiFunction GrantRole = AbiFunction.Parse("grantRole(bytes32 role, address account)");
    public static readonly AbiFunction HasRole = AbiFunction.Parse("hasRole(bytes32 role, address account) returns (bool)");
    public static readonly AbiFunction UsedSourceEvents = AbiFunction.Parse("usedSourceEvents(bytes32 sourceEventId) returns (bool)");
    public static readonly AbiFunction HashRelease = AbiFunction.Parse(
        "hashRelease(bytes32 sourceEventId, address recipient, uint256 amount) returns (bytes32)");
    public static readonly AbiFunction Token = AbiFunction.Parse("token() returns (address)");
    public static readonly AbiFunction DestChainId = AbiFunction.Parse("destChainId() returns (uint256)");
    public static readonly AbiFunction Threshold = AbiFunction.Parse("threshold() returns (uint256)");
    public static readonly AbiFunction Liquidity = AbiFunction.Parse("liquidity() returns (uint256)");
    public static readonly AbiFunction AvailableOutflow = AbiFunction.Parse("availableOutflow() returns (uint256)");
    public static readonly AbiFunction ReleaseCap = AbiFunction.Parse("releaseCap() returns (uint256)");
    public static readonly AbiFunction DailyCap = AbiFunction.Parse("dailyCap() returns (uint256)");
    public static readonly AbiFunction TotalLocked = AbiFunction.Parse("totalLocked() returns (uint256)");
    public static readonly AbiFunction TotalReleased = AbiFunction.Parse("totalReleased() returns (uint256)");
    public static readonly AbiFunction TotalFunded = AbiFunction.Parse("totalFunded() returns (uint256)");

    public static readonly AbiEvent Locked = AbiEvent.Parse(
        "Locked(uint64 indexed nonce, address indexed sender, address indexed recipient, uint256 amount, uint256 destChainId)");
    public static readonly AbiEvent Released = AbiEvent.Parse(
        "Released(bytes32 indexed sourceEventId, address indexed recipient, uint256 amount)");
    public static readonly AbiEvent ReleaseSkipped = AbiEvent.Parse("ReleaseSkipped(bytes32 indexed sourceEventId)");
    public static readonly AbiEvent Funded = AbiEvent.Parse("Funded(address indexed funder, uint256 amount)");

    /// <summary>keccak256("RELAYER_ROLE"): may call release and releaseBatch.</summary>
    public static readonly byte[] RelayerRole = Keccak256.Hash("RELAYER_ROLE");

    /// <summary>keccak256("ATTESTER_ROLE"): its EIP-712 signatures count towards the threshold.</summary>
    public static readonly byte[] AttesterRole = Keccak256.Hash("ATTESTER_ROLE");

    /// <summary>keccak256("PAUSER_ROLE"): may pause and unpause.</summary>
    public static readonly byte[] PauserRole = Keccak256.Hash("PAUSER_ROLE");

    /// <summary>Constructor parameters, in order, for deployment.</summary>
    public static readonly IReadOnlyList<AbiType> ConstructorParameters =
        [.. "address,uint256,address,uint256,uint256,uint256,uint256,uint256".Split(',').Select(AbiType.Parse)];

    public static ContractBinding Binding { get; } = new("StosVault",
        [Lock, Release, ReleaseBatch, Fund, Pause, Unpause, Paused, GrantRole, HasRole, UsedSourceEvents, HashRelease, Token,
         DestChainId, Threshold, Liquidity, AvailableOutflow, ReleaseCap, DailyCap, TotalLocked, TotalReleased, TotalFunded],
        [Locked, Released, ReleaseSkipped, Funded],
        [.. new[]
        {
            "AccessControlBadConfirmation()", "AccessControlUnauthorizedAccount(address account, bytes32 neededRole)",
            "DailyCapExceeded(uint256 requested, uint256 available)", "DuplicateSigner(bytes32 sourceEventId, address signer)",
            "EmptyBatch()", "EnforcedPause()", "ExpectedPause()", "InsufficientLiquidity(uint256 requested, uint256 available)",
            "InsufficientSignatures(bytes32 sourceEventId, uint256 provided, uint256 required)",
            "InvalidLockLimits(uint256 minLock, uint256 maxLock)", "InvalidSignature(bytes32 sourceEventId, uint256 index)",
            "InvalidThreshold(uint256 threshold)", "LengthMismatch(uint256 releases, uint256 signatures)",
            "LockAboveMaximum(uint256 amount, uint256 maxLock)", "LockBelowMinimum(uint256 amount, uint256 minLock)",
            "NativeTransferFailed(address recipient, uint256 amount)", "NativeValueMismatch(uint256 value, uint256 amount)",
            "RecipientIsVault()", "ReentrancyGuardReentrantCall()", "ReleaseCapExceeded(uint256 amount, uint256 cap)",
            "SafeERC20FailedOperation(address token)", "SignerNotAttester(bytes32 sourceEventId, address signer)",
            "SourceEventAlreadyUsed(bytes32 sourceEventId)", "TokenNotAContract(address token)",
            "UnexpectedNativeValue(uint256 value)", "ZeroAdmin()", "ZeroAmount()", "ZeroDestChainId()", "ZeroRecipient()",
        }.Select(AbiError.Parse)]);

    /// <summary>Constructor arguments, ABI-encoded (append to the creation bytecode). <paramref name="token"/> zero = native mode.</summary>
    public static byte[] EncodeConstructor(EthAddress token, BigInteger destChainId, EthAddress admin, BigInteger threshold,
        BigInteger minLock, BigInteger maxLock, BigInteger releaseCap, BigInteger dailyCap) =>
        AbiCodec.Encode(ConstructorParameters, [token, destChainId, admin, threshold, minLock, maxLock, releaseCap, dailyCap]);

    public static byte[] EncodeLock(BigInteger amount, EthAddress recipient) => Lock.EncodeCall([amount, recipient]);

    public static byte[] EncodeRelease(VaultRelease release, IReadOnlyList<byte[]> signatures) =>
        Release.EncodeCall([release.SourceEventId, release.Recipient, release.Amount, signatures.Cast<object?>().ToArray()]);

    /// <summary>Calldata for releaseBatch: one signature list per release, in the same order.</summary>
    public static byte[] EncodeReleaseBatch(IReadOnlyList<VaultRelease> releases, IReadOnlyList<IReadOnlyList<byte[]>> signatures)
    {
        if (releases.Count != signatures.Count)
        {
            throw new ArgumentException($"{releases.Count} releases but {signatures.Count} signature lists", nameof(signatures));
        }
        return ReleaseBatch.EncodeCall([
            releases.Select(r => (object?)new object?[] { r.SourceEventId, r.Recipient, r.Amount }).ToArray(),
            signatures.Select(list => (object?)list.Cast<object?>().ToArray()).ToArray(),
        ]);
    }

    /// <summary>The EIP-712 typed data an attester signs for one release on the vault at <paramref name="vault"/>.</summary>
    public static Eip712TypedData ReleaseTypedData(ulong chainId, EthAddress vault, VaultRelease release) => new()
    {
        Types = new Dictionary<string, IReadOnlyList<Eip712Field>>
        {
            [Eip712.DomainTypeName] =
                [new("name", "string"), new("version", "string"), new("chainId", "uint256"), new("verifyingContract", "address")],
            ["Release"] = [new("sourceEventId", "bytes32"), new("recipient", "address"), new("amount", "uint256")],
        },
        PrimaryType = "Release",
        Domain = new Eip712Domain { Name = DomainName, Version = DomainVersion, ChainId = chainId, VerifyingContract = vault },
        Message = new Dictionary<string, object?>
        {
            ["sourceEventId"] = release.SourceEventId, ["recipient"] = release.Recipient, ["amount"] = release.Amount,
        },
    };

    /// <summary>An attester's 65-byte signature (r ‖ s ‖ v, v = 27/28) over the release, as the vault expects it.</summary>
    public static byte[] SignRelease(EthKey attester, ulong chainId, EthAddress vault, VaultRelease release) =>
        Eip712.Sign(attester, ReleaseTypedData(chainId, vault, release)).ToBytes();

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

    /// <summary>The source event id of a ReleaseSkipped log (a batch entry that was already released).</summary>
    public static byte[] DecodeReleaseSkipped(EvmLog log) => (byte[])Decode(ReleaseSkipped, log)["sourceEventId"]!;

    internal static AbiDecodedLog Decode(AbiEvent abiEvent, EvmLog log) =>
        abiEvent.DecodeLog(log.Topics.Select(Hex.Decode).ToArray(), Hex.Decode(log.Data));
}
