using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.Util;
using StratosBridge.Chains.Evm.Signing;

namespace StratosBridge.Chains.Evm.Contracts;

/// <summary>
/// Typed binding of <c>contracts/src/StosVault.sol</c> (artifact <c>StosVault</c>) as Nethereum DTOs: the functions the
/// bridge calls (<c>StosVaultContract.Functions.cs</c>), the events it watches (<c>.Events.cs</c>), all of its custom errors
/// (<c>.Errors.cs</c>), the constructor, and the EIP-712 attestations an attester signs.
/// </summary>
public static partial class StosVaultContract
{
    /// <summary>keccak256("RELAYER_ROLE"): may call release, releaseBatch, cancel, refund and claimFor.</summary>
    public static readonly byte[] RelayerRole = Sha3Keccack.Current.CalculateHashAsBytes("RELAYER_ROLE");

    /// <summary>keccak256("ATTESTER_ROLE"): its EIP-712 signatures count towards the threshold.</summary>
    public static readonly byte[] AttesterRole = Sha3Keccack.Current.CalculateHashAsBytes("ATTESTER_ROLE");

    /// <summary>keccak256("PAUSER_ROLE"): may pause (unpausing is the admin's, behind its timelock).</summary>
    public static readonly byte[] PauserRole = Sha3Keccack.Current.CalculateHashAsBytes("PAUSER_ROLE");

    /// <summary>The content a cancelled id records (nothing was paid): keccak256("StosVault.Cancelled").</summary>
    public static readonly byte[] CancelledContent = Sha3Keccack.Current.CalculateHashAsBytes("StosVault.Cancelled");

    public static ContractBinding Binding { get; } = ContractBinding.Of("StosVault", typeof(StosVaultContract),
        [.. OpenZeppelinErrors.AccessControlAndPausable, typeof(OpenZeppelinErrors.ReentrancyGuardReentrantCallError)]);

    /// <summary>The constructor: the vault's one <see cref="StosVaultConfig"/>.</summary>
    public sealed class Deployment : ContractDeploymentMessage
    {
        public Deployment()
            : base("")
        {
        }

        [Parameter("tuple", "c", 1)] public StosVaultConfig C { get; set; } = new();
    }

    /// <summary>Creation code with the constructor's arguments: <paramref name="bytecode"/> ‖ abi.encode(<paramref name="config"/>).</summary>
    public static byte[] CreationCode(byte[] bytecode, StosVaultConfig config) =>
        new Deployment { ByteCode = Hex.Encode(bytecode), C = config }.GetDeploymentData();

    public static byte[] EncodeLock(BigInteger amount, EthAddress recipient) =>
        new LockFunction { Amount = amount, Recipient = recipient.ToLowerHex() }.GetCallData();

    public static byte[] EncodeRelease(VaultRelease release, IReadOnlyList<byte[]> signatures) =>
        new ReleaseFunction { R = ReleaseAttestation.Of(release), Signatures = [.. signatures] }.GetCallData();

    /// <summary>Calldata for releaseBatch: one signature list per release, in the same order.</summary>
    public static byte[] EncodeReleaseBatch(IReadOnlyList<VaultRelease> releases, IReadOnlyList<IReadOnlyList<byte[]>> signatures)
    {
        if (releases.Count != signatures.Count)
        {
            throw new ArgumentException($"{releases.Count} releases but {signatures.Count} signature lists", nameof(signatures));
        }
        return new ReleaseBatchFunction
        {
            Releases = [.. releases.Select(ReleaseAttestation.Of)], Signatures = [.. signatures.Select(list => list.ToList())],
        }.GetCallData();
    }

    public static byte[] EncodeCancel(ulong nonce, IReadOnlyList<byte[]> signatures) =>
        new CancelFunction { LockNonce = nonce, Signatures = [.. signatures] }.GetCallData();

    public static byte[] EncodeRefund(ulong nonce, EthAddress sender, BigInteger amount, IReadOnlyList<byte[]> signatures) =>
        new RefundFunction { LockNonce = nonce, Sender = sender.ToLowerHex(), Amount = amount, Signatures = [.. signatures] }.GetCallData();

    /// <summary>An attester's 65-byte signature (r ‖ s ‖ v, v = 27/28) over the release, as the vault expects it.</summary>
    public static byte[] SignRelease(EthKey attester, ulong chainId, EthAddress vault, VaultRelease release) =>
        VaultAttestations.Sign(attester, chainId, vault, ReleaseAttestation.Of(release));

    /// <summary>The EIP-712 digest of the release that <see cref="SignRelease"/> signs (the vault's <c>hashRelease</c>).</summary>
    public static byte[] HashRelease(ulong chainId, EthAddress vault, VaultRelease release) =>
        VaultAttestations.Hash(chainId, vault, ReleaseAttestation.Of(release));

    /// <summary>
    /// An attester's signature cancelling, on the destination vault at <paramref name="vault"/>, lock <paramref name="nonce"/>
    /// of its peer (<paramref name="srcChainId"/>, <paramref name="srcVault"/>).
    /// </summary>
    public static byte[] SignCancel(EthKey attester, ulong chainId, EthAddress vault, long srcChainId, EthAddress srcVault, ulong nonce) =>
        VaultAttestations.Sign(attester, chainId, vault, Cancel(srcChainId, srcVault, nonce));

    /// <summary>The EIP-712 digest <see cref="SignCancel"/> signs (the vault's <c>hashCancel</c>).</summary>
    public static byte[] HashCancel(ulong chainId, EthAddress vault, long srcChainId, EthAddress srcVault, ulong nonce) =>
        VaultAttestations.Hash(chainId, vault, Cancel(srcChainId, srcVault, nonce));

    /// <summary>An attester's signature refunding lock <paramref name="nonce"/> on its source vault at <paramref name="vault"/>.</summary>
    public static byte[] SignRefund(EthKey attester, ulong chainId, EthAddress vault, ulong nonce, EthAddress sender, BigInteger amount) =>
        VaultAttestations.Sign(attester, chainId, vault, Refund(nonce, sender, amount));

    /// <summary>The EIP-712 digest <see cref="SignRefund"/> signs (the vault's <c>hashRefund</c>).</summary>
    public static byte[] HashRefund(ulong chainId, EthAddress vault, ulong nonce, EthAddress sender, BigInteger amount) =>
        VaultAttestations.Hash(chainId, vault, Refund(nonce, sender, amount));

    private static CancelAttestation Cancel(long srcChainId, EthAddress srcVault, ulong nonce) =>
        new() { SrcChainId = srcChainId, SrcVault = srcVault.ToLowerHex(), Nonce = nonce };

    private static RefundAttestation Refund(ulong nonce, EthAddress sender, BigInteger amount) =>
        new() { Nonce = nonce, Sender = sender.ToLowerHex(), Amount = amount };
}
