using StratosBridge.TestKit;

namespace StratosBridge.Tests.Unit.Evm.Differential;

/// <summary>Runs Foundry's cast (pinned 1.7.1 in ops/tools); fails loudly when it is not installed.</summary>
internal static class Cast
{
    private static readonly Lazy<string> Path = new(() => RepoPaths.NodeBin("cast"));

    /// <summary>Runs cast with <paramref name="args"/> and returns stdout without the trailing newline.</summary>
    public static async Task<string> RunAsync(params string[] args) =>
        (await ToolRunner.RunAsync(Path.Value, args, timeout: TimeSpan.FromSeconds(30))).TrimEnd('\n', '\r');
}
