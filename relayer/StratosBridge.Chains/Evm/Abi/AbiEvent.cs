using Nethereum.Util;
namespace StratosBridge.Chains.Evm.Abi;

/// <summary>
/// A (non-anonymous) contract event from its signature, e.g.
/// <c>AbiEvent.Parse("Locked(uint64 nonce, address indexed sender, address indexed recipient, uint256 amount)")</c>.
/// topic0 = keccak256 of the canonical signature; each indexed parameter is one more topic (value types as their
/// 32-byte word, dynamic and composite types as the keccak256 of their in-place encoding); the rest is ABI-encoded data.
/// </summary>
public sealed class AbiEvent
{
    private readonly byte[] _topic0;

    private AbiEvent(string name, IReadOnlyList<AbiParameter> parameters)
    {
        Name = name;
        Parameters = parameters;
        Signature = $"{name}({string.Join(",", parameters.Select(p => p.Type.CanonicalName))})";
        _topic0 = Sha3Keccack.Current.CalculateHashAsBytes(Signature);
    }

    public string Name { get; }

    public IReadOnlyList<AbiParameter> Parameters { get; }

    /// <summary>The canonical signature, e.g. "Transfer(address,address,uint256)".</summary>
    public string Signature { get; }

    /// <summary>keccak256(<see cref="Signature"/>): the first topic of every log of this event.</summary>
    public ReadOnlySpan<byte> Topic0 => _topic0;

    /// <summary>Parses an event signature with "indexed" markers (at most 3); throws <see cref="FormatException"/>.</summary>
    public static AbiEvent Parse(string signature)
    {
        var (name, inputs, _) = AbiSignatureReader.ReadSignature(signature, "event", allowIndexed: true, allowOutputs: false);
        if (inputs.Count(p => p.Indexed) > 3)
        {
            throw new FormatException($"event '{signature}' has more than 3 indexed parameters");
        }
        return new AbiEvent(name, inputs);
    }

    /// <summary>
    /// The topic of one indexed value (for log filters): value types as their ABI word; string and bytes as
    /// keccak256 of their bytes; arrays and tuples as keccak256 of the concatenated in-place encodings of their
    /// elements, each padded to 32 bytes (the Solidity rule for indexed event arguments).
    /// </summary>
    public static byte[] EncodeTopic(AbiType type, object? value)
    {
        ArgumentNullException.ThrowIfNull(type);
        return IsWord(type) ? AbiCodec.EncodeWord(type, value, "") : Sha3Keccack.Current.CalculateHash(InPlace(type, value, "", topLevel: true));
    }

    /// <summary>
    /// The topics and data a contract emitting this event with <paramref name="values"/> (all parameters, in order) produces.
    /// </summary>
    public (IReadOnlyList<byte[]> Topics, byte[] Data) EncodeLog(IReadOnlyList<object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count != Parameters.Count)
        {
            throw new ArgumentException($"{Signature} has {Parameters.Count} parameters, got {values.Count} values", nameof(values));
        }
        var topics = new List<byte[]> { _topic0.ToArray() };
        var dataTypes = new List<AbiType>();
        var dataValues = new List<object?>();
        for (var i = 0; i < Parameters.Count; i++)
        {
            if (Parameters[i].Indexed)
            {
                topics.Add(EncodeTopic(Parameters[i].Type, values[i]));
            }
            else
            {
                dataTypes.Add(Parameters[i].Type);
                dataValues.Add(values[i]);
            }
        }
        return (topics, AbiCodec.Encode(dataTypes, dataValues));
    }

    /// <summary>True when <paramref name="topics"/> start with this event's topic0.</summary>
    public bool Matches(IReadOnlyList<byte[]> topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        return topics.Count > 0 && topics[0].AsSpan().SequenceEqual(_topic0);
    }

    /// <summary>
    /// Decodes a log of this event. Checks topic0 and the topic count; indexed value types are validated like ABI words.
    /// Throws <see cref="FormatException"/>.
    /// </summary>
    public AbiDecodedLog DecodeLog(IReadOnlyList<byte[]> topics, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(topics);
        if (!Matches(topics))
        {
            throw new FormatException($"the log's topic0 is not that of {Signature}");
        }
        var indexedCount = Parameters.Count(p => p.Indexed);
        if (topics.Count != 1 + indexedCount)
        {
            throw new FormatException($"{Signature} has {indexedCount} indexed parameters but the log has {topics.Count - 1} topics after topic0");
        }
        var dataValues = AbiCodec.Decode(Parameters.Where(p => !p.Indexed).Select(p => p.Type).ToArray(), data);
        var values = new object?[Parameters.Count];
        int topic = 1, datum = 0;
        for (var i = 0; i < Parameters.Count; i++)
        {
            var parameter = Parameters[i];
            if (!parameter.Indexed)
            {
                values[i] = dataValues[datum++];
                continue;
            }
            var word = topics[topic++];
            if (word is not { Length: 32 })
            {
                throw new FormatException($"topic {topic - 1} is not 32 bytes");
            }
            values[i] = IsWord(parameter.Type)
                ? AbiCodec.DecodeWord(parameter.Type, word, parameter.Name ?? $"value {i}")
                : new AbiIndexedHash(word);
        }
        return new AbiDecodedLog(this, values);
    }

    public override string ToString() => Signature;

    private static bool IsWord(AbiType type) =>
        type.Kind is AbiTypeKind.UInt or AbiTypeKind.Int or AbiTypeKind.Address or AbiTypeKind.Bool or AbiTypeKind.FixedBytes;

    private static byte[] InPlace(AbiType type, object? value, string path, bool topLevel)
    {
        switch (type.Kind)
        {
            case AbiTypeKind.Bytes:
            case AbiTypeKind.String:
            {
                var bytes = type.Kind == AbiTypeKind.String
                    ? System.Text.Encoding.UTF8.GetBytes(value as string ?? throw new ArgumentException($"{AbiCodec.Where(path)}expected a string", nameof(value)))
                    : AbiCodec.AsBytes(value, type, path);
                return topLevel ? bytes : AbiCodec.PadRight32(bytes);
            }
            case AbiTypeKind.Array:
            case AbiTypeKind.FixedArray:
            {
                var list = AbiCodec.AsList(value, type, path, type.Kind == AbiTypeKind.FixedArray ? type.Size : null);
                return Concat(list.Count, i => InPlace(type.Element!, list[i], $"{path}[{i}]", topLevel: false));
            }
            case AbiTypeKind.Tuple:
            {
                var list = AbiCodec.AsList(value, type, path, type.Components.Count);
                return Concat(list.Count, i => InPlace(type.Components[i], list[i], $"{path}[{i}]", topLevel: false));
            }
            default:
                return AbiCodec.EncodeWord(type, value, path);
        }
    }

    private static byte[] Concat(int count, Func<int, byte[]> part)
    {
        var output = new List<byte>();
        for (var i = 0; i < count; i++)
        {
            output.AddRange(part(i));
        }
        return output.ToArray();
    }
}
