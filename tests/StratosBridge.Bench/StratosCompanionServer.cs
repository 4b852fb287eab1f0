using StratosBridge.TestKit.Stratos;

namespace StratosBridge.Bench;

/// <summary>
/// The test kit's Stratos devnet companion as a long-running process for the devnet: applies the Cosmos side of every
/// <c>runMsg(MsgPrepay)</c> on the Stratos anvil (<c>--rpc</c>), keeps its state in <c>--state</c>, and serves Stratos
/// REST, the Cosmos tx query and SDS <c>user_requestGetOzone</c> on <c>--port</c>. Runs until SIGINT/SIGTERM.
/// </summary>
public static class StratosCompanionServer
{
    public static async Task<int> RunAsync(BenchArguments args)
    {
        var rpc = args.Text("rpc") ?? throw new ArgumentException("--rpc <Stratos anvil URL> is required");
        var options = new StratosCompanionOptions(new Uri(rpc))
        {
            StateFile = args.Text("state"),
            StartBlock = args.Text("from-block") is { } from ? long.Parse(from, System.Globalization.CultureInfo.InvariantCulture) : null,
            Log = Console.Out,
        };
        await using var companion = await StratosDevnetCompanion.StartAsync(options, args.Int("port", 0));
        Console.WriteLine($"stratos devnet companion on {companion.Url} (chain {rpc}, state {options.StateFile ?? "in memory"}, "
                          + $"total_unissued_prepay {companion.Ozone.UnissuedPrepay} wei at {StratosDevnetCompanion.UnissuedPrepayAccount})");
        return await BenchRun.UntilStoppedAsync();
    }
}
