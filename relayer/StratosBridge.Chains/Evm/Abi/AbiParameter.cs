namespace StratosBridge.Chains.Evm.Abi;

/// <summary>One parameter of a function, event or error signature: its type, optional name, and (events only) whether it is indexed.</summary>
public sealed record AbiParameter(AbiType Type, string? Name = null, bool Indexed = false)
{
    public override string ToString() =>
        Type.CanonicalName + (Indexed ? " indexed" : "") + (Name is null ? "" : " " + Name);
}
