using StratosBridge.Chains.Evm.Abi;

namespace StratosBridge.Chains.Evm.Contracts;

/// <summary>
/// What a typed contract binding declares: the functions, events and custom errors it uses, written as signatures
/// with parameter names. A test compares every binding with the committed ABI artifact it names, so a binding that
/// disagrees with the compiled contract (types, names, order, indexed flags, a custom error it cannot name) fails CI.
/// </summary>
public sealed record ContractBinding(
    string ArtifactName,
    IReadOnlyList<AbiFunction> Functions,
    IReadOnlyList<AbiEvent> Events,
    IReadOnlyList<AbiError> Errors)
{
    /// <summary>Decodes revert data with this contract's custom errors (plus Error(string) and Panic).</summary>
    public RevertReason DecodeRevert(ReadOnlySpan<byte> data) => RevertReason.Decode(data, Errors);
}
