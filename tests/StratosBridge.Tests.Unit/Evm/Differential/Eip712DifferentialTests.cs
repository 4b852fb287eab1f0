using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Abi;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Chains.Evm.TypedData;

namespace StratosBridge.Tests.Unit.Evm.Differential;

/// <summary>
/// Random typed data (several struct types referencing each other, arrays of structs and of atomic types, nested
/// arrays, every atomic width, bytes and strings, any subset of domain fields), signed by us and by
/// <c>cast wallet sign --data</c> with the same key: equal signatures mean equal EIP-712 digests.
/// </summary>
[Collection(CastCollection.Name)]
public class Eip712DifferentialTests
{
    private static readonly string[] TypeNames = ["Mail", "Person", "Order", "Item", "Zeta", "Alpha", "Quote", "Credit"];

    [Fact]
    public async Task Typed_data_signatures_agree_with_cast_wallet_sign()
    {
        var seed = Differential.Seed(9001);
        var random = new EvmRandom(seed);
        var cases = Enumerable.Range(0, Differential.Cases(30)).Select(_ => (Key: random.PrivateKey(), Data: TypedData(random))).ToArray();
        await Differential.RunAsync("eip-712", seed, cases, c => Json(c.Data), async c =>
        {
            var json = Json(c.Data);
            var theirs = await Cast.RunAsync("wallet", "sign", "--private-key", Hex.Encode(c.Key), "--data", json);
            var key = EthKey.FromBytes(c.Key);
            var ours = Hex.Encode(Eip712.Sign(key, c.Data).ToBytes());
            if (theirs != ours)
            {
                return $"cast {theirs}\n    ours {ours}\n    encodeType {Eip712.EncodeType(c.Data.PrimaryType, c.Data.Types)}";
            }
            var fromJson = Eip712.HashTypedData(Eip712TypedData.FromJson(json));
            return fromJson.AsSpan().SequenceEqual(Eip712.HashTypedData(c.Data)) ? null : "the JSON form hashes differently";
        });
    }

    private static Eip712TypedData TypedData(EvmRandom random)
    {
        var names = TypeNames.OrderBy(_ => random.Int(0, 1000)).Take(random.Int(1, 5)).ToArray();
        var types = new Dictionary<string, IReadOnlyList<Eip712Field>>();
        for (var i = names.Length - 1; i >= 0; i--)
        {
            var fieldCount = random.Int(1, 6);
            var fields = new List<Eip712Field>();
            for (var f = 0; f < fieldCount; f++)
            {
                // a struct may reference the ones after it: the graph stays acyclic and every type is used by someone
                var referable = names.Skip(i + 1).ToArray();
                var baseType = referable.Length > 0 && (f == 0 || random.Chance(0.25))
                    ? random.Pick(referable)
                    : AtomicOrDynamic(random);
                fields.Add(new Eip712Field(random.Pick("from", "to", "amount", "wallet", "contents", "a", "b_2", "nonce", "deadline", "data")
                    + f.ToString(CultureInfo.InvariantCulture), baseType + ArraySuffix(random)));
            }
            types[names[i]] = fields;
        }
        var domain = new Eip712Domain();
        while (domain.Fields().Count == 0)
        {
            domain = new Eip712Domain
            {
                Name = random.Chance(0.6) ? random.AnyText(12) : null,
                Version = random.Chance(0.5) ? random.Pick("1", "2", "") : null,
                ChainId = random.Chance(0.6) ? random.UInt(256) : null,
                VerifyingContract = random.Chance(0.6) ? random.Address() : null,
                Salt = random.Chance(0.3) ? random.Bytes(32) : null,
            };
        }
        return new Eip712TypedData
        {
            Types = types,
            PrimaryType = names[0],
            Domain = domain,
            Message = (IReadOnlyDictionary<string, object?>)Value(random, names[0], types)!,
        };
    }

    private static string AtomicOrDynamic(EvmRandom random) => random.Int(0, 8) switch
    {
        0 => $"uint{8 * random.Int(1, 33)}",
        1 => $"int{8 * random.Int(1, 33)}",
        2 => "address",
        3 => "bool",
        4 => $"bytes{random.Int(1, 33)}",
        5 => "bytes",
        _ => "string",
    };

    private static string ArraySuffix(EvmRandom random) => random.Int(0, 10) switch
    {
        0 or 1 => "[]",
        2 => $"[{random.Int(1, 4)}]",
        3 => "[][]",
        4 => $"[{random.Int(1, 3)}][]",
        _ => "",
    };

    private static object? Value(EvmRandom random, string type, IReadOnlyDictionary<string, IReadOnlyList<Eip712Field>> types)
    {
        if (type.EndsWith(']'))
        {
            var open = type.LastIndexOf('[');
            var length = type[(open + 1)..^1];
            var count = length.Length == 0 ? random.Int(0, 4) : int.Parse(length, CultureInfo.InvariantCulture);
            return Enumerable.Range(0, count).Select(_ => Value(random, type[..open], types)).ToArray();
        }
        if (types.TryGetValue(type, out var fields))
        {
            return fields.ToDictionary(f => f.Name, f => Value(random, f.Type, types));
        }
        var abiType = AbiType.Parse(type);
        return abiType.Kind switch
        {
            AbiTypeKind.UInt => random.UInt(abiType.Size),
            AbiTypeKind.Int => random.SInt(abiType.Size),
            AbiTypeKind.Address => random.Address(),
            AbiTypeKind.Bool => random.Chance(0.5),
            AbiTypeKind.FixedBytes => random.Bytes(abiType.Size),
            AbiTypeKind.Bytes => random.Bytes(random.Length(80)),
            _ => random.AnyText(20),
        };
    }

    /// <summary>The eth_signTypedData_v4 JSON, with the EIP712Domain type spelled out and integers as decimal strings.</summary>
    private static string Json(Eip712TypedData data)
    {
        var text = new StringBuilder("{\"types\":{");
        var allTypes = new List<KeyValuePair<string, IReadOnlyList<Eip712Field>>>
        {
            new(Eip712.DomainTypeName, data.Domain.Fields()),
        };
        allTypes.AddRange(data.Types);
        text.AppendJoin(",", allTypes.Select(t => $"{JsonSerializer.Serialize(t.Key)}:["
            + string.Join(",", t.Value.Select(f => $"{{\"name\":{JsonSerializer.Serialize(f.Name)},\"type\":{JsonSerializer.Serialize(f.Type)}}}")) + "]"));
        text.Append("},\"primaryType\":").Append(JsonSerializer.Serialize(data.PrimaryType)).Append(",\"domain\":{");
        var domain = new List<string>();
        if (data.Domain.Name is { } name)
        {
            domain.Add($"\"name\":{JsonSerializer.Serialize(name)}");
        }
        if (data.Domain.Version is { } version)
        {
            domain.Add($"\"version\":{JsonSerializer.Serialize(version)}");
        }
        if (data.Domain.ChainId is { } chainId)
        {
            domain.Add($"\"chainId\":\"{chainId.ToString(CultureInfo.InvariantCulture)}\"");
        }
        if (data.Domain.VerifyingContract is { } contract)
        {
            domain.Add($"\"verifyingContract\":\"{contract}\"");
        }
        if (data.Domain.Salt is { } salt)
        {
            domain.Add($"\"salt\":\"{Hex.Encode(salt)}\"");
        }
        text.AppendJoin(",", domain).Append("},\"message\":").Append(ValueJson(data.Message)).Append('}');
        return text.ToString();
    }

    private static string ValueJson(object? value) => value switch
    {
        BigInteger v => $"\"{v.ToString(CultureInfo.InvariantCulture)}\"",
        EthAddress v => $"\"{v}\"",
        bool v => v ? "true" : "false",
        byte[] v => $"\"{Hex.Encode(v)}\"",
        string v => JsonSerializer.Serialize(v),
        IReadOnlyDictionary<string, object?> v => "{" + string.Join(",", v.Select(kv => $"{JsonSerializer.Serialize(kv.Key)}:{ValueJson(kv.Value)}")) + "}",
        IList v => "[" + string.Join(",", v.Cast<object?>().Select(ValueJson)) + "]",
        _ => throw new InvalidOperationException($"unexpected {value?.GetType()}"),
    };
}
