using StratosBridge.TestKit.PriceFeeds;

namespace StratosBridge.Bench;

/// <summary>
/// The test kit's fake price providers and Stratos REST as a long-running process for the devnet (no internet needed):
/// market ETH 3000, BNB 600, SOL 150, STOS 0.25 USD. Runs until SIGINT/SIGTERM.
/// </summary>
public static class FakePricesServer
{
    public static async Task<int> RunAsync(BenchArguments args)
    {
        await using var fakes = await FakePriceProviders.StartAsync(args.Int("port", 0));
        Console.WriteLine($"fake price providers and Stratos REST on http://127.0.0.1:{fakes.Port}/ (providers: {string.Join(", ", FakePriceProviders.Providers)}, stratos)");
        return await BenchRun.UntilStoppedAsync();
    }
}
