using System.Text.Json;

namespace StratosBridge.TestKit;

/// <summary>
/// Runs one of the JSON-in/JSON-out helper scripts in <c>ops/tools/scripts</c> with the pinned npm packages (one node
/// process per batch). Fails loudly when node or the Node tools are missing.
/// </summary>
public static class NodeScript
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<JsonElement> RunAsync(string script, object input, TimeSpan? timeout = null)
    {
        var path = Path.Combine(RepoPaths.NodeTools, "scripts", script);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} does not exist");
        }
        if (!Directory.Exists(Path.Combine(RepoPaths.NodeTools, "node_modules")))
        {
            throw new InvalidOperationException($"the Node tools are not installed in {RepoPaths.NodeTools}: run ops/setup");
        }
        var output = await ToolRunner.RunAsync("node", [path], JsonSerializer.Serialize(input, Json),
            timeout ?? TimeSpan.FromMinutes(2), RepoPaths.NodeTools);
        using var doc = JsonDocument.Parse(output);
        return doc.RootElement.Clone();
    }
}
