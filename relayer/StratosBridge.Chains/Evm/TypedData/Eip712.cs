using System.Collections;
using System.Text;
using StratosBridge.Chains.Evm.Abi;
using StratosBridge.Chains.Evm.Signing;

namespace StratosBridge.Chains.Evm.TypedData;

/// <summary>
/// EIP-712 hashing and signing: the digest keccak256(0x19 0x01 ‖ domainSeparator ‖ hashStruct(message)), with
/// hashStruct(s) = keccak256(typeHash ‖ encodeData(s)), encodeType = the primary type then the referenced struct
/// types sorted by name, string/bytes members hashed, struct members replaced by their hashStruct, and arrays by
/// keccak256 of their encoded elements. Missing or unknown members are errors (<see cref="ArgumentException"/>).
/// </summary>
public static class Eip712
{
    public const string DomainTypeName = "EIP712Domain";

    /// <summary>The 32-byte digest a wallet signs for <paramref name="data"/> (what <c>eth_signTypedData_v4</c> signs).</summary>
    public static byte[] HashTypedData(Eip712TypedData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Digest(data.Domain.Hash(), HashStruct(data.PrimaryType, data.Types, data.Message));
    }

    /// <summary>keccak256(0x19 ‖ 0x01 ‖ domainSeparator ‖ structHash).</summary>
    public static byte[] Digest(ReadOnlySpan<byte> domainSeparator, ReadOnlySpan<byte> structHash)
    {
        if (domainSeparator.Length != 32 || structHash.Length != 32)
        {
            throw new ArgumentException("the domain separator and the struct hash are 32 bytes each");
        }
        return Keccak256.Hash([0x19, 0x01, .. domainSeparator, .. structHash]);
    }

    /// <summary>Signs the digest of <paramref name="data"/>; the signature's 65-byte form is what wallets return.</summary>
    public static EthSignature Sign(EthKey key, Eip712TypedData data)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Sign(HashTypedData(data));
    }

    /// <summary>encodeType, e.g. "Mail(Person from,Person to,string contents)Person(string name,address wallet)".</summary>
    public static string EncodeType(string typeName, IReadOnlyDictionary<string, IReadOnlyList<Eip712Field>> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        var fields = StructFields(typeName, types);
        var referenced = new SortedSet<string>(StringComparer.Ordinal);
        CollectReferences(typeName, types, referenced);
        referenced.Remove(typeName);
        var text = new StringBuilder();
        foreach (var name in referenced.Prepend(typeName))
        {
            var members = name == typeName ? fields : types[name];
            text.Append(name).Append('(').AppendJoin(',', members.Select(f => $"{f.Type} {f.Name}")).Append(')');
        }
        return text.ToString();
    }

    /// <summary>keccak256(encodeType(typeName)).</summary>
    public static byte[] TypeHash(string typeName, IReadOnlyDictionary<string, IReadOnlyList<Eip712Field>> types) =>
        Keccak256.Hash(EncodeType(typeName, types));

    /// <summary>hashStruct(value) = keccak256(typeHash ‖ encodeData(value)).</summary>
    public static byte[] HashStruct(string typeName, IReadOnlyDictionary<string, IReadOnlyList<Eip712Field>> types,
        IReadOnlyDictionary<string, object?> value)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(value);
        return HashStruct(typeName, types, value, typeName);
    }

    private static byte[] HashStruct(string typeName, IReadOnlyDictionary<string, IReadOnlyList<Eip712Field>> types,
        object? value, string path)
    {
        if (value is not IReadOnlyDictionary<string, object?> members)
        {
            throw new ArgumentException($"{path}: a {typeName} value is a dictionary of its members");
        }
        var fields = StructFields(typeName, types);
        foreach (var key in members.Keys)
        {
            if (!fields.Any(f => f.Name == key))
            {
                throw new ArgumentException($"{path}: {typeName} has no member '{key}'");
            }
        }
        var encoded = new List<byte>(32 * (fields.Count + 1));
        encoded.AddRange(TypeHash(typeName, types));
        foreach (var field in fields)
        {
            if (!members.TryGetValue(field.Name, out var member))
            {
                throw new ArgumentException($"{path}: member '{field.Name}' is missing");
            }
            encoded.AddRange(EncodeField(field.Type, member, types, $"{path}.{field.Name}"));
        }
        return Keccak256.Hash(encoded.ToArray());
    }

    private static byte[] EncodeField(string type, object? value, IReadOnlyDictionary<string, IReadOnlyList<Eip712Field>> types, string path)
    {
        if (type.EndsWith(']'))
        {
            var open = type.LastIndexOf('[');
            var element = type[..open];
            var lengthText = type[(open + 1)..^1];
            if (value is not IList list || value is string)
            {
                throw new ArgumentException($"{path}: a {type} value is a list");
            }
            if (lengthText.Length > 0 && (!int.TryParse(lengthText, out var length) || length != list.Count))
            {
                throw new ArgumentException($"{path}: {type} needs {lengthText} elements, got {list.Count}");
            }
            var concatenated = new List<byte>(32 * list.Count);
            for (var i = 0; i < list.Count; i++)
            {
                concatenated.AddRange(EncodeField(element, list[i], types, $"{path}[{i}]"));
            }
            return Keccak256.Hash(concatenated.ToArray());
        }
        if (types.ContainsKey(type))
        {
            return HashStruct(type, types, value, path);
        }
        AbiType abiType;
        try
        {
            abiType = AbiType.Parse(type);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"{path}: unknown type '{type}'", e);
        }
        return abiType.Kind switch
        {
            AbiTypeKind.String => Keccak256.Hash(value as string ?? throw new ArgumentException($"{path}: expected a string")),
            AbiTypeKind.Bytes => Keccak256.Hash(AbiCodec.AsBytes(value, abiType, path)),
            AbiTypeKind.UInt or AbiTypeKind.Int or AbiTypeKind.Address or AbiTypeKind.Bool or AbiTypeKind.FixedBytes =>
                AbiCodec.EncodeWord(abiType, value, path),
            _ => throw new ArgumentException($"{path}: '{type}' is not an EIP-712 member type"),
        };
    }

    private static bool IsMemberType(string name)
    {
        try
        {
            return AbiType.Parse(name).Kind is not (AbiTypeKind.Array or AbiTypeKind.FixedArray or AbiTypeKind.Tuple)
                && !name.StartsWith("tuple", StringComparison.Ordinal);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static IReadOnlyList<Eip712Field> StructFields(string typeName, IReadOnlyDictionary<string, IReadOnlyList<Eip712Field>> types) =>
        types.TryGetValue(typeName, out var fields) ? fields : throw new ArgumentException($"unknown struct type '{typeName}'");

    private static void CollectReferences(string typeName, IReadOnlyDictionary<string, IReadOnlyList<Eip712Field>> types, ISet<string> found)
    {
        if (!found.Add(typeName))
        {
            return;
        }
        foreach (var field in StructFields(typeName, types))
        {
            var bracket = field.Type.IndexOf('[');
            var baseType = bracket < 0 ? field.Type : field.Type[..bracket];
            if (types.ContainsKey(baseType))
            {
                CollectReferences(baseType, types, found);
            }
            else if (!IsMemberType(baseType))
            {
                throw new ArgumentException($"{typeName}.{field.Name}: '{field.Type}' is neither a struct in the types nor an EIP-712 atomic or dynamic type");
            }
        }
    }
}
