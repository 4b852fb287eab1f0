using System.Text.Json;

namespace StratosBridge.Chains.Evm.Rpc;

/// <summary>Field access on JSON-RPC result objects with failures that name the missing field.</summary>
internal static class EvmRpcJson
{
    public static JsonElement Required(JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"expected an object with '{name}', got {obj.ValueKind}");
        }
        return obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw new FormatException($"field '{name}' is missing");
    }

    public static JsonElement? Optional(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static string? OptionalData(JsonElement obj, string name) =>
        Optional(obj, name) is { } v ? EvmRpcHex.ParseData(v) : null;
}
