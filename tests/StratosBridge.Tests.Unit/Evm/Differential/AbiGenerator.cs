using System.Numerics;
using StratosBridge.Chains.Evm.Abi;

namespace StratosBridge.Tests.Unit.Evm.Differential;

/// <summary>Random ABI types (every width, nested arrays and tuples) and random values of them.</summary>
internal sealed class AbiGenerator(EvmRandom random)
{
    /// <summary>A random type; composite types nest up to <paramref name="maxDepth"/> levels.</summary>
    public AbiType Type(int maxDepth = 3, bool tuples = true)
    {
        if (maxDepth > 0 && random.Chance(0.3))
        {
            return random.Int(0, tuples ? 3 : 2) switch
            {
                0 => AbiType.ArrayOf(Type(maxDepth - 1, tuples)),
                1 => AbiType.FixedArrayOf(Type(maxDepth - 1, tuples), random.Int(1, 4)),
                _ => AbiType.Tuple(Enumerable.Range(0, random.Int(1, 5)).Select(_ => Type(maxDepth - 1, tuples)).ToArray()),
            };
        }
        return Elementary();
    }

    /// <summary>uint/int of any width, address, bool, bytes1…32, bytes, string.</summary>
    public AbiType Elementary() => random.Int(0, 8) switch
    {
        0 or 1 => AbiType.UInt(8 * random.Int(1, 33)),
        2 => AbiType.Int(8 * random.Int(1, 33)),
        3 => AbiType.Address,
        4 => AbiType.Bool,
        5 => AbiType.FixedBytes(random.Int(1, 33)),
        6 => AbiType.Bytes,
        _ => AbiType.String,
    };

    /// <summary>A word type (what an indexed event parameter stores directly).</summary>
    public AbiType Word()
    {
        while (true)
        {
            var type = Elementary();
            if (type.Kind is not (AbiTypeKind.Bytes or AbiTypeKind.String))
            {
                return type;
            }
        }
    }

    public AbiType[] Types(int min, int max, bool tuples = true) =>
        Enumerable.Range(0, random.Int(min, max + 1)).Select(_ => Type(3, tuples)).ToArray();

    /// <summary>
    /// A value of <paramref name="type"/>. With <paramref name="castSafeText"/> strings avoid what cast's argument
    /// parser cannot express; otherwise they are arbitrary Unicode.
    /// </summary>
    public object? Value(AbiType type, bool castSafeText)
    {
        switch (type.Kind)
        {
            case AbiTypeKind.UInt:
                return random.UInt(type.Size);
            case AbiTypeKind.Int:
                return random.SInt(type.Size);
            case AbiTypeKind.Address:
                return random.Address();
            case AbiTypeKind.Bool:
                return random.Chance(0.5);
            case AbiTypeKind.FixedBytes:
                return random.Bytes(type.Size);
            case AbiTypeKind.Bytes:
                return random.Bytes(random.Length(100));
            case AbiTypeKind.String:
                return castSafeText ? random.CastSafeText(40) : random.AnyText(40);
            case AbiTypeKind.Array:
                return Enumerable.Range(0, random.Int(0, 4)).Select(_ => Value(type.Element!, castSafeText)).ToArray();
            case AbiTypeKind.FixedArray:
                return Enumerable.Range(0, type.Size).Select(_ => Value(type.Element!, castSafeText)).ToArray();
            case AbiTypeKind.Tuple:
                return type.Components.Select(c => Value(c, castSafeText)).ToArray();
            default:
                throw new InvalidOperationException(type.ToString());
        }
    }

    public object?[] Values(IReadOnlyList<AbiType> types, bool castSafeText) => types.Select(t => Value(t, castSafeText)).ToArray();

    /// <summary>A Solidity identifier for function, error and event names.</summary>
    public string Name() => random.Pick("f", "transfer", "lock", "Paused", "release", "_x", "a1", "runMsg", "OutOfStos", "E");

    public static string Signature(string name, IReadOnlyList<AbiType> types) =>
        $"{name}({string.Join(",", types.Select(t => t.CanonicalName))})";

    public static BigInteger Max(int bits) => (BigInteger.One << bits) - 1;
}
