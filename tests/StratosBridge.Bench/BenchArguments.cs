using System.Globalization;

namespace StratosBridge.Bench;

/// <summary><c>--name value</c> pairs, and the plain values before them (<c>migration 2000 --accounts 8</c>).</summary>
public sealed class BenchArguments(IReadOnlyDictionary<string, string> values, IReadOnlyList<string> positional)
{
    public static BenchArguments Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var positional = new List<string>();
        var i = 0;
        for (; i < args.Count && !args[i].StartsWith("--", StringComparison.Ordinal); i++)
        {
            positional.Add(args[i]);
        }
        for (; i < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 == args.Count)
            {
                throw new ArgumentException($"expected --name value, got '{args[i]}'");
            }
            values[args[i][2..]] = args[i + 1];
        }
        return new BenchArguments(values, positional);
    }

    public int Int(string name, int fallback) =>
        values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public decimal Decimal(string name, decimal fallback) =>
        values.TryGetValue(name, out var text) ? decimal.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public string? Text(string name) => values.GetValueOrDefault(name);

    /// <summary>The <paramref name="index"/>-th plain value as a number, or <paramref name="fallback"/> when there is none.</summary>
    public int PositionalInt(int index, int fallback) =>
        index < positional.Count ? int.Parse(positional[index], CultureInfo.InvariantCulture) : fallback;
}
