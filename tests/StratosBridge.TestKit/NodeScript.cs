using System.Text.Json;

namespace StratosBridge.TestKit;

/// <summary>
/// Runs one of the repository's Node helper scripts (<c>ops/tools/scripts/*.mjs</c>, next to the pinned npm packages
/// they import) with a JSON request on stdin and returns the JSON it prints.
/// </summary>
public static class NodeScript
{
    public static async Task<JsonElement> RunAsync(string script, object request, TimeSpan? timeout = null)
    {
        var path = Path.Combine(RepoPaths.NodeTools, "scripts", script);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} does not exist.");
        }
        if (!Directory.Exists(Path.Combine(RepoPaths.NodeTools, "node_modules")))
        {
            throw new InvalidOperationException($"the Node tools are not installed in {RepoPaths.NodeTools}: run ops/setup.");
        }
        var output = await ToolRunner.RunAsync("node", [path], JsonSerializer.Serialize(request, JsonOptions),
            timeout ?? TimeSpan.FromMinutes(2));
        using var doc = JsonDocument.Parse(output);
        return doc.RootElement.Clone();
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
