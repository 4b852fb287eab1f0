using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Pricing.Providers;
using StratosBridge.TestKit;

namespace StratosBridge.Tests.Unit.Evm.Contracts;

public class ContractBindingTests
{
    private static readonly string Artifacts = Path.Combine(RepoPaths.Root, "contracts", "artifacts");

    public static TheoryData<string> Bindings => new()
    {
        "StosVault", "BridgeTimelock", "OzonePayments", "SystemContractStandIn", "DevStosToken", "DevPriceFeed",
    };

    private static ContractBinding BindingOf(string artifact) => artifact switch
    {
        "StosVault" => StosVaultContract.Binding,
        "BridgeTimelock" => BridgeTimelockContract.Binding,
        "OzonePayments" => OzonePaymentsContract.Binding,
        "SystemContractStandIn" => StratosSystemContract.Binding,
        "DevStosToken" => Erc20Contract.Binding,
        "DevPriceFeed" => ChainlinkAggregatorContract.Binding,
        _ => throw new ArgumentOutOfRangeException(nameof(artifact)),
    };

    [Theory]
    [MemberData(nameof(Bindings))]
    public void Binding_agrees_with_the_committed_abi(string artifactName)
    {
        var binding = BindingOf(artifactName);
        Assert.Equal(artifactName, binding.ArtifactName);
        Assert.NotEmpty(binding.Functions);
        var artifact = ContractArtifact.Load(Artifacts, artifactName);
        Assert.Empty(BindingComparison.Disagreements(binding, artifact.Abi));
        foreach (var function in binding.Functions.Select(ABITypedRegistry.GetFunctionABI))
        {
            Assert.Equal(BindingComparison.MethodIdentifier(Path.Combine(Artifacts, artifactName + ".json"), function), function.Sha3Signature);
        }
    }

    [Fact]
    public void A_binding_that_disagrees_with_the_abi_is_reported()
    {
        var abi = ContractArtifact.Load(Artifacts, "StosVault").Abi;
        var wrong = StosVaultContract.Binding with
        {
            Functions = [typeof(LockSwapped), typeof(LockMisnamed), typeof(PausedAsNumber)],
            Events = [typeof(LockedRecipientNotIndexed)],
            Errors = StosVaultContract.Binding.Errors.Where(e => e != typeof(StosVaultContract.DailyCapExceededError)).ToArray(),
            Constructor = typeof(OzonePaymentsContract.Deployment),
        };
        var problems = BindingComparison.Disagreements(wrong, abi);
        Assert.Contains(problems, p => p.Contains("lock(address,uint256) is not in the ABI"));
        Assert.Contains(problems, p => p.Contains("input 0 is named 'amount' in the ABI, 'value' in the binding"));
        Assert.Contains(problems, p => p.Contains("paused() returns (bool) in the ABI, (uint256) in the binding"));
        Assert.Contains(problems, p => p.Contains("parameter 2 (recipient) is indexed in the ABI"));
        Assert.Contains(problems, p => p.Contains("the constructor takes ((address,uint256,"));
        Assert.Contains(problems, p => p.Contains("DailyCapExceeded(uint256,uint256) is in the ABI but the binding cannot name it"));
        Assert.Equal(7, problems.Count); // and the constructor's parameter 0 is named 'c', not 'treasury_'
    }

    [Theory]
    [InlineData(typeof(ReleaseAttestation), "Release(uint256 srcChainId,address srcVault,uint64 nonce,address recipient,uint256 amount)")]
    [InlineData(typeof(CancelAttestation), "Cancel(uint256 srcChainId,address srcVault,uint64 nonce)")]
    [InlineData(typeof(RefundAttestation), "Refund(uint64 nonce,address sender,uint256 amount)")]
    public void Attestation_structs_encode_the_vaults_type_strings(Type type, string typeString)
    {
        // RELEASE_TYPEHASH, CANCEL_TYPEHASH and REFUND_TYPEHASH in StosVault.sol are keccak256 of these strings
        var primaryType = typeString[..typeString.IndexOf('(')];
        Assert.Equal(typeString, Nethereum.ABI.EIP712.Eip712TypedDataEncoder.Current.GetEncodedType(primaryType, [type]));
    }

    [Function("lock", "uint64")]
    private sealed class LockSwapped : FunctionMessage
    {
        [Parameter("address", "recipient", 1)] public string Recipient { get; set; } = "";
        [Parameter("uint256", "amount", 2)] public BigInteger Amount { get; set; }
    }

    [Function("lock", "uint64")]
    private sealed class LockMisnamed : FunctionMessage
    {
        [Parameter("uint256", "value", 1)] public BigInteger Value { get; set; }
        [Parameter("address", "recipient", 2)] public string Recipient { get; set; } = "";
    }

    [Function("paused", "uint256")]
    private sealed class PausedAsNumber : FunctionMessage;

    [Event("Locked")]
    private sealed class LockedRecipientNotIndexed : IEventDTO
    {
        [Parameter("uint64", "nonce", 1, true)] public ulong Nonce { get; set; }
        [Parameter("address", "sender", 2, true)] public string Sender { get; set; } = "";
        [Parameter("address", "recipient", 3, false)] public string Recipient { get; set; } = "";
        [Parameter("uint256", "amount", 4, false)] public BigInteger Amount { get; set; }
        [Parameter("uint256", "destChainId", 5, false)] public BigInteger DestChainId { get; set; }
    }
}
