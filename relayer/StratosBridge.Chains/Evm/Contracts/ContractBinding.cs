using System.Reflection;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.ABI.Model;
using Nethereum.Contracts;

namespace StratosBridge.Chains.Evm.Contracts;

/// <summary>
/// A contract's typed binding: the Nethereum DTOs the bridge uses for it (<c>[Function]</c> <see cref="FunctionMessage"/>s,
/// <c>[Event]</c> <see cref="IEventDTO"/>s, <c>[Error]</c> <see cref="IErrorDTO"/>s, and the constructor's
/// <see cref="ContractDeploymentMessage"/>). A test compares every binding with the committed ABI artifact it names, so a
/// binding that disagrees with the compiled contract (types, names, order, indexed flags, a custom error it cannot name)
/// fails CI; the errors are all of the contract's, so that every revert it can raise has a name.
/// </summary>
public sealed record ContractBinding(
    string ArtifactName,
    IReadOnlyList<Type> Functions,
    IReadOnlyList<Type> Events,
    IReadOnlyList<Type> Errors,
    Type? Constructor = null)
{
    /// <summary>
    /// The binding made of the DTOs nested in <paramref name="definition"/> (a contract's static class), plus errors it
    /// shares with other contracts (OpenZeppelin's, say).
    /// </summary>
    public static ContractBinding Of(string artifactName, Type definition, params Type[] sharedErrors)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var nested = definition.GetNestedTypes(BindingFlags.Public);
        return new ContractBinding(artifactName,
            nested.Where(FunctionAttribute.IsFunctionType).ToArray(),
            nested.Where(EventAttribute.IsEventType).ToArray(),
            [.. nested.Where(ErrorAttribute.IsErrorType), .. sharedErrors],
            nested.SingleOrDefault(t => t.IsSubclassOf(typeof(ContractDeploymentMessage))));
    }

    /// <summary>The custom errors as Nethereum reads them from the DTOs' attributes (it caches them per type).</summary>
    public IReadOnlyList<ErrorABI> ErrorAbis => Errors.Select(ABITypedRegistry.GetError).ToArray();

    /// <summary>Decodes revert data with this contract's custom errors (plus Error(string) and Panic).</summary>
    public RevertReason DecodeRevert(ReadOnlySpan<byte> data) => RevertReason.Decode(data, ErrorAbis);
}
