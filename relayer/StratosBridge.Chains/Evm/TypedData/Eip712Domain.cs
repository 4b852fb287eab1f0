using System.Numerics;
using StratosBridge.Chains.Evm.Abi;

namespace StratosBridge.Chains.Evm.TypedData;

/// <summary>
/// The EIP-712 domain. Only the fields that are set take part, in the standard order
/// (name, version, chainId, verifyingContract, salt), which is the <c>EIP712Domain</c> type wallets derive.
/// </summary>
public sealed record Eip712Domain
{
    public string? Name { get; init; }

    public string? Version { get; init; }

    public BigInteger? ChainId { get; init; }

    public EthAddress? VerifyingContract { get; init; }

    /// <summary>32 bytes when set.</summary>
    public byte[]? Salt { get; init; }

    /// <summary>The <c>EIP712Domain</c> struct type for the fields that are set.</summary>
    public IReadOnlyList<Eip712Field> Fields()
    {
        var fields = new List<Eip712Field>();
        if (Name is not null)
        {
            fields.Add(new Eip712Field("name", "string"));
        }
        if (Version is not null)
        {
            fields.Add(new Eip712Field("version", "string"));
        }
        if (ChainId is not null)
        {
            fields.Add(new Eip712Field("chainId", "uint256"));
        }
        if (VerifyingContract is not null)
        {
            fields.Add(new Eip712Field("verifyingContract", "address"));
        }
        if (Salt is not null)
        {
            fields.Add(new Eip712Field("salt", "bytes32"));
        }
        return fields;
    }

    /// <summary>The domain separator: hashStruct(EIP712Domain).</summary>
    public byte[] Hash()
    {
        var values = new Dictionary<string, object?>();
        if (Name is not null)
        {
            values["name"] = Name;
        }
        if (Version is not null)
        {
            values["version"] = Version;
        }
        if (ChainId is { } chainId)
        {
            values["chainId"] = chainId;
        }
        if (VerifyingContract is { } contract)
        {
            values["verifyingContract"] = contract;
        }
        if (Salt is not null)
        {
            values["salt"] = Salt;
        }
        var types = new Dictionary<string, IReadOnlyList<Eip712Field>> { [Eip712.DomainTypeName] = Fields() };
        return Eip712.HashStruct(Eip712.DomainTypeName, types, values);
    }
}
