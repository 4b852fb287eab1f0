namespace StratosBridge.TestKit;

/// <summary>Locates the repository and the pinned Node tools (ops/tools/node_modules/.bin).</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);

    public static string Root => RootLazy.Value;

    public static string NodeTools => Path.Combine(Root, "ops", "tools");

    /// <summary>The path of a pinned Node tool (anvil, cast, forge, …); fails loudly when `ops/setup` has not run.</summary>
    public static string NodeBin(string tool)
    {
        var path = Path.Combine(NodeTools, "node_modules", ".bin", tool);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{tool} is not installed at {path}: run ops/setup (npm ci in ops/tools).");
        }
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StratosBridge.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"StratosBridge.sln not found above {AppContext.BaseDirectory}.");
    }
}
