using System.Text.Json;

namespace StratosBridge.Fiat.Stripe;

/// <summary>
/// Reads Stripe's API objects by their own field names. Every failure is a <see cref="FormatException"/> naming the
/// object and the field, so a changed or foreign answer is reported, never half-read.
/// </summary>
internal static class StripeJson
{
    /// <summary>Checks that <paramref name="json"/> is an object whose <c>object</c> field is <paramref name="kind"/>.</summary>
    public static void Expect(JsonElement json, string kind)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"expected a Stripe {kind} object, got a JSON {json.ValueKind}");
        }
        var actual = OptionalString(json, kind, "object");
        if (actual != kind)
        {
            throw new FormatException($"expected a Stripe {kind} object, got object '{actual ?? "(none)"}'");
        }
    }

    public static string String(JsonElement json, string kind, string name) =>
        OptionalString(json, kind, name) ?? throw Missing(kind, name, "a string");

    public static string? OptionalString(JsonElement json, string kind, string name) => Field(json, name) switch
    {
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        null => null,
        var other => throw Wrong(kind, name, "a string", other.Value),
    };

    public static long Long(JsonElement json, string kind, string name) =>
        OptionalLong(json, kind, name) ?? throw Missing(kind, name, "an integer");

    public static long? OptionalLong(JsonElement json, string kind, string name) => Field(json, name) switch
    {
        { ValueKind: JsonValueKind.Number } value when value.TryGetInt64(out var number) => number,
        null => null,
        var other => throw Wrong(kind, name, "an integer", other.Value),
    };

    public static bool Bool(JsonElement json, string kind, string name) => Field(json, name) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        null => throw Missing(kind, name, "true or false"),
        var other => throw Wrong(kind, name, "true or false", other.Value),
    };

    /// <summary>A timestamp, which Stripe sends as Unix seconds.</summary>
    public static DateTimeOffset Time(JsonElement json, string kind, string name)
    {
        var seconds = Long(json, kind, name);
        return seconds is >= 0 and <= 253_402_300_799 // up to 9999-12-31T23:59:59Z
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : throw new FormatException($"{kind}.{name} is not a Unix time in seconds: {seconds}");
    }

    /// <summary>The id of a reference that Stripe sends as the id string, or as the whole object when it is expanded.</summary>
    public static string? OptionalId(JsonElement json, string kind, string name) => Field(json, name) switch
    {
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        { ValueKind: JsonValueKind.Object } expanded => OptionalString(expanded, $"{kind}.{name}", "id")
                                                        ?? throw Missing($"{kind}.{name}", "id", "a string"),
        null => null,
        var other => throw Wrong(kind, name, "an id or an expanded object", other.Value),
    };

    /// <summary><c>metadata</c>: string values by key; empty when null or absent.</summary>
    public static IReadOnlyDictionary<string, string> Metadata(JsonElement json, string kind)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Field(json, "metadata") is not { } value)
        {
            return metadata;
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Wrong(kind, "metadata", "an object", value);
        }
        foreach (var entry in value.EnumerateObject())
        {
            metadata[entry.Name] = entry.Value.ValueKind == JsonValueKind.String
                ? entry.Value.GetString()!
                : throw Wrong(kind, $"metadata.{entry.Name}", "a string", entry.Value);
        }
        return metadata;
    }

    /// <summary>The items of a Stripe list object (<c>{"object": "list", "data": […]}</c>); empty when null or absent (not expanded).</summary>
    public static IReadOnlyList<T> List<T>(JsonElement json, string kind, string name, Func<JsonElement, T> parse)
    {
        if (Field(json, name) is not { } list)
        {
            return [];
        }
        Expect(list, "list");
        var data = Field(list, "data") is { ValueKind: JsonValueKind.Array } array
            ? array
            : throw new FormatException($"{kind}.{name}.data is not an array");
        return [.. data.EnumerateArray().Select(parse)];
    }

    /// <summary>A field's value; null when it is absent or JSON null (Stripe sends null for "not set").</summary>
    private static JsonElement? Field(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static FormatException Missing(string kind, string name, string what) =>
        new($"{kind}.{name} is missing or null; expected {what}");

    private static FormatException Wrong(string kind, string name, string what, JsonElement value)
    {
        var raw = value.GetRawText();
        return new FormatException($"{kind}.{name} is not {what}: {(raw.Length <= 60 ? raw : raw[..60] + "…")}");
    }
}
