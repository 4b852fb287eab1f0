using System.Globalization;
using System.Numerics;
using System.Text.Json;
using StratosBridge.Chains.Evm.Abi;

namespace StratosBridge.Chains.Evm.TypedData;

/// <summary>
/// An EIP-712 typed-data document (what <c>eth_signTypedData_v4</c> takes). Struct values are
/// <c>IReadOnlyDictionary&lt;string, object?&gt;</c>; member values follow <see cref="AbiCodec"/> (BigInteger, EthAddress,
/// bool, byte[], string) and arrays are lists. <see cref="FromJson"/> reads the standard JSON form.
/// </summary>
public sealed record Eip712TypedData
{
    /// <summary>The struct types by name. An "EIP712Domain" entry is optional; the domain type is derived from <see cref="Domain"/>.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<Eip712Field>> Types { get; init; }

    public required string PrimaryType { get; init; }

    public required Eip712Domain Domain { get; init; }

    public required IReadOnlyDictionary<string, object?> Message { get; init; }

    /// <summary>
    /// Parses the JSON form {types, primaryType, domain, message}. Integers may be JSON numbers, decimal strings or
    /// 0x-hex strings; bytes are 0x-hex; addresses must pass EIP-55 when mixed case. If "types" lists
    /// "EIP712Domain" it must be exactly the fields present in "domain", in the standard order.
    /// Throws <see cref="FormatException"/>.
    /// </summary>
    public static Eip712TypedData FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var types = new Dictionary<string, IReadOnlyList<Eip712Field>>(StringComparer.Ordinal);
            foreach (var type in Property(root, "types").EnumerateObject())
            {
                types[type.Name] = type.Value.EnumerateArray()
                    .Select(f => new Eip712Field(Property(f, "name").GetString()!, Property(f, "type").GetString()!))
                    .ToArray();
            }
            var primaryType = Property(root, "primaryType").GetString() ?? throw new FormatException("primaryType is null");
            var domainJson = Property(root, "domain");
            var domain = new Eip712Domain
            {
                Name = Optional(domainJson, "name")?.GetString(),
                Version = Optional(domainJson, "version")?.GetString(),
                ChainId = Optional(domainJson, "chainId") is { } chainId ? (BigInteger)ToValue(chainId, "uint256", types, "domain.chainId")! : null,
                VerifyingContract = Optional(domainJson, "verifyingContract") is { } contract
                    ? (EthAddress)ToValue(contract, "address", types, "domain.verifyingContract")!
                    : null,
                Salt = Optional(domainJson, "salt") is { } salt ? (byte[])ToValue(salt, "bytes32", types, "domain.salt")! : null,
            };
            var known = new HashSet<string>(["name", "version", "chainId", "verifyingContract", "salt"]);
            foreach (var property in domainJson.EnumerateObject())
            {
                if (!known.Contains(property.Name))
                {
                    throw new FormatException($"unsupported domain field '{property.Name}'");
                }
            }
            if (types.Remove(Eip712.DomainTypeName, out var declared) && !declared.SequenceEqual(domain.Fields()))
            {
                throw new FormatException("EIP712Domain must list exactly the domain's fields in the standard order");
            }
            var message = (IReadOnlyDictionary<string, object?>)ToValue(Property(root, "message"), primaryType, types, "message")!;
            return new Eip712TypedData { Types = types, PrimaryType = primaryType, Domain = domain, Message = message };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or ArgumentException)
        {
            throw new FormatException($"invalid EIP-712 JSON: {e.Message}", e);
        }
    }

    private static JsonElement Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value
            : throw new FormatException($"missing '{name}'");

    private static JsonElement? Optional(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static object? ToValue(JsonElement json, string type, IReadOnlyDictionary<string, IReadOnlyList<Eip712Field>> types, string path)
    {
        if (type.EndsWith(']'))
        {
            var element = type[..type.LastIndexOf('[')];
            if (json.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException($"{path}: expected an array for {type}");
            }
            return json.EnumerateArray().Select((item, i) => ToValue(item, element, types, $"{path}[{i}]")).ToArray();
        }
        if (types.TryGetValue(type, out var fields))
        {
            if (json.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"{path}: expected an object for {type}");
            }
            var values = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var property in json.EnumerateObject())
            {
                var field = fields.FirstOrDefault(f => f.Name == property.Name)
                    ?? throw new FormatException($"{path}: {type} has no member '{property.Name}'");
                values[property.Name] = ToValue(property.Value, field.Type, types, $"{path}.{property.Name}");
            }
            return values;
        }
        var abiType = AbiType.Parse(type);
        switch (abiType.Kind)
        {
            case AbiTypeKind.UInt or AbiTypeKind.Int:
                return ParseInteger(json, path);
            case AbiTypeKind.Address:
                return EthAddress.Parse(json.GetString() ?? throw new FormatException($"{path}: address is null"));
            case AbiTypeKind.Bool:
                return json.GetBoolean();
            case AbiTypeKind.String:
                return json.GetString() ?? throw new FormatException($"{path}: string is null");
            case AbiTypeKind.Bytes or AbiTypeKind.FixedBytes:
                return Hex.Decode(json.GetString() ?? throw new FormatException($"{path}: bytes are null"));
            default:
                throw new FormatException($"{path}: unknown type '{type}'");
        }
    }

    private static BigInteger ParseInteger(JsonElement json, string path)
    {
        var text = json.ValueKind switch
        {
            JsonValueKind.Number => json.GetRawText(),
            JsonValueKind.String => json.GetString()!,
            _ => throw new FormatException($"{path}: expected an integer"),
        };
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && text.Length > 2)
        {
            return BigInteger.Parse("0" + text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        }
        return BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
    }
}
