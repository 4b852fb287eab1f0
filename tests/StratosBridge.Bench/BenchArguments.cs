using System.Globalization;

namespace StratosBridge.Bench;

/// <summary><c>--name value</c> pairs.</summary>
public sealed class BenchArguments(IReadOnlyDictionary<string, string> values)
{
    public static BenchArguments Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"expected --name value, got '{args[i]}'");
            }
            values[args[i][2..]] = args[i + 1];
        }
        return new BenchArguments(values);
    }

    public int Int(string name, int fallback) =>
        values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public string? Text(string name) => values.GetValueOrDefault(name);
}
