using StratosBridge.Chains.Evm.Abi;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.TestKit;

namespace StratosBridge.Tests.Unit.Evm.Contracts;

public class ContractBindingTests
{
    private static readonly string Artifacts = Path.Combine(RepoPaths.Root, "contracts", "artifacts");

    public static TheoryData<string> Bindings => new() { "StosVault", "BridgeTimelock", "OzonePayments", "SystemContractStandIn", "DevStosToken" };

    private static ContractBinding BindingOf(string artifact) => artifact switch
    {
        "StosVault" => StosVaultContract.Binding,
        "BridgeTimelock" => BridgeTimelockContract.Binding,
        "OzonePayments" => OzonePaymentsContract.Binding,
        "SystemContractStandIn" => StratosSystemContract.Binding,
        "DevStosToken" => Erc20Contract.Binding,
        _ => throw new ArgumentOutOfRangeException(nameof(artifact)),
    };

    [Theory]
    [MemberData(nameof(Bindings))]
    public void Binding_agrees_with_the_committed_abi(string artifactName)
    {
        var binding = BindingOf(artifactName);
        Assert.Equal(artifactName, binding.ArtifactName);
        var artifact = ContractArtifact.Load(Artifacts, artifactName);
        Assert.Empty(BindingComparison.Disagreements(binding, artifact.Abi));
        foreach (var function in binding.Functions)
        {
            Assert.Equal(BindingComparison.MethodIdentifier(Path.Combine(Artifacts, artifactName + ".json"), function),
                BindingComparison.Selector(function));
        }
    }

    [Fact]
    public void A_binding_that_disagrees_with_the_abi_is_reported()
    {
        var abi = ContractArtifact.Load(Artifacts, "StosVault").Abi;
        var wrong = StosVaultContract.Binding with
        {
            Functions = [AbiFunction.Parse("lock(address recipient, uint256 amount)"), AbiFunction.Parse("lock(uint256 value, address recipient) returns (uint64)")],
            Events = [AbiEvent.Parse("Locked(uint64 indexed nonce, address indexed sender, address recipient, uint256 amount, uint256 destChainId)")],
            Errors = StosVaultContract.Binding.Errors.Where(e => e.Name != "DailyCapExceeded").ToArray(),
        };
        var problems = BindingComparison.Disagreements(wrong, abi);
        Assert.Contains(problems, p => p.Contains("lock(address,uint256) is not in the ABI"));
        Assert.Contains(problems, p => p.Contains("input 0 is named 'amount' in the ABI, 'value' in the binding"));
        Assert.Contains(problems, p => p.Contains("parameter 2 (recipient) is indexed in the ABI"));
        Assert.Contains(problems, p => p.Contains("DailyCapExceeded(uint256,uint256) is in the ABI but the binding cannot name it"));
        Assert.Equal(4, problems.Count);
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
}
