using System.Text.Json;

namespace StratosBridge.Chains.Solana.Rpc;

/// <summary>Field access on Solana RPC results, with failures (<see cref="FormatException"/>) that name the field.</summary>
internal static class SolanaRpcJson
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
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    /// <summary>A u64 (slots, lamports): a JSON number read exactly, never through a double.</summary>
    public static ulong U64(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetUInt64(out var n)
            ? n
            : throw new FormatException($"expected an unsigned 64-bit integer, got {Shorten(value.GetRawText())}");

    public static long I64(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n)
            ? n
            : throw new FormatException($"expected a 64-bit integer, got {Shorten(value.GetRawText())}");

    public static int Int(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n)
            ? n
            : throw new FormatException($"expected a 32-bit integer, got {Shorten(value.GetRawText())}");

    public static string String(JsonElement value) =>
        value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new FormatException($"expected a string, got {value.ValueKind}");

    public static SolanaPublicKey PublicKey(JsonElement value) => SolanaPublicKey.Parse(String(value));

    public static SolanaSignature Signature(JsonElement value) => SolanaSignature.Parse(String(value));

    public static IReadOnlyList<T> Array<T>(JsonElement value, Func<JsonElement, T> item) =>
        value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(item).ToArray()
            : throw new FormatException($"expected an array, got {value.ValueKind}");

    /// <summary>A transaction error (<c>err</c>) as its raw JSON, or null for success.</summary>
    public static string? Error(JsonElement obj) => Optional(obj, "err")?.GetRawText();

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
