using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Abi;

namespace StratosBridge.Tests.Unit.Evm.Differential;

/// <summary>How cast writes and reads ABI values: its argument syntax, and a canonical text for comparing its JSON with ours.</summary>
internal static class CastAbi
{
    /// <summary>A value in cast's argument syntax; nested strings are quoted, top-level ones are not.</summary>
    public static string Arg(AbiType type, object? value, bool topLevel = true) => type.Kind switch
    {
        AbiTypeKind.UInt or AbiTypeKind.Int => ((BigInteger)value!).ToString(CultureInfo.InvariantCulture),
        AbiTypeKind.Address => ((EthAddress)value!).ToString(),
        AbiTypeKind.Bool => (bool)value! ? "true" : "false",
        AbiTypeKind.FixedBytes or AbiTypeKind.Bytes => Hex.Encode((byte[])value!),
        AbiTypeKind.String => topLevel ? (string)value! : "\"" + (string)value! + "\"",
        AbiTypeKind.Array or AbiTypeKind.FixedArray =>
            "[" + string.Join(", ", ((IList)value!).Cast<object?>().Select(v => Arg(type.Element!, v, false))) + "]",
        AbiTypeKind.Tuple =>
            "(" + string.Join(", ", ((IList)value!).Cast<object?>().Select((v, i) => Arg(type.Components[i], v, false))) + ")",
        _ => throw new InvalidOperationException(type.ToString()),
    };

    /// <summary>Canonical text of one of our values.</summary>
    public static string Canonical(AbiType type, object? value) => type.Kind switch
    {
        AbiTypeKind.UInt or AbiTypeKind.Int => ((BigInteger)value!).ToString(CultureInfo.InvariantCulture),
        AbiTypeKind.Address => ((EthAddress)value!).ToString(),
        AbiTypeKind.Bool => (bool)value! ? "true" : "false",
        AbiTypeKind.FixedBytes or AbiTypeKind.Bytes => Hex.Encode((byte[])value!),
        AbiTypeKind.String => JsonSerializer.Serialize((string)value!),
        AbiTypeKind.Array or AbiTypeKind.FixedArray =>
            "[" + string.Join(",", ((IList)value!).Cast<object?>().Select(v => Canonical(type.Element!, v))) + "]",
        AbiTypeKind.Tuple =>
            "(" + string.Join(",", ((IList)value!).Cast<object?>().Select((v, i) => Canonical(type.Components[i], v))) + ")",
        _ => throw new InvalidOperationException(type.ToString()),
    };

    /// <summary>Canonical text of a value in cast's --json output (numbers may be JSON numbers or strings).</summary>
    public static string Canonical(AbiType type, JsonElement json) => type.Kind switch
    {
        AbiTypeKind.UInt or AbiTypeKind.Int => json.ValueKind == JsonValueKind.String ? json.GetString()! : json.GetRawText(),
        AbiTypeKind.Address => json.GetString()!,
        AbiTypeKind.Bool => json.GetBoolean() ? "true" : "false",
        AbiTypeKind.FixedBytes or AbiTypeKind.Bytes => json.GetString()!.ToLowerInvariant(),
        AbiTypeKind.String => JsonSerializer.Serialize(json.GetString()!),
        AbiTypeKind.Array or AbiTypeKind.FixedArray =>
            "[" + string.Join(",", json.EnumerateArray().Select(v => Canonical(type.Element!, v))) + "]",
        AbiTypeKind.Tuple =>
            "(" + string.Join(",", json.EnumerateArray().Select((v, i) => Canonical(type.Components[i], v))) + ")",
        _ => throw new InvalidOperationException(type.ToString()),
    };

    public static string Canonical(IReadOnlyList<AbiType> types, IReadOnlyList<object?> values) =>
        "(" + string.Join(",", types.Select((t, i) => Canonical(t, values[i]))) + ")";

    public static string Canonical(IReadOnlyList<AbiType> types, JsonElement array) =>
        "(" + string.Join(",", array.EnumerateArray().Select((v, i) => Canonical(types[i], v))) + ")";

    /// <summary>cast's arguments for a parameter list.</summary>
    public static string[] Args(IReadOnlyList<AbiType> types, IReadOnlyList<object?> values) =>
        types.Select((t, i) => Arg(t, values[i])).ToArray();
}
