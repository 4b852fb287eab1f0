using StratosBridge.TestKit.Stripe;

namespace StratosBridge.Bench;

/// <summary>
/// The test kit's Stripe fake as a long-running process for the devnet: the Stripe endpoints the service uses, with the
/// keys it is given (<c>--secret-key</c>, <c>--webhook-secret</c>), and the hosted checkout page whose events it delivers,
/// signed, to the service's webhook (<c>--webhook</c>). Runs until SIGINT/SIGTERM.
/// </summary>
public static class StripeFakeServer
{
    public static async Task<int> RunAsync(BenchArguments args)
    {
        var options = new StripeFakeOptions
        {
            Port = args.Int("port", 0),
            SecretKey = args.Text("secret-key") ?? throw new ArgumentException("--secret-key sk_test_… is required"),
            WebhookSecret = args.Text("webhook-secret") ?? throw new ArgumentException("--webhook-secret whsec_… is required"),
            WebhookEndpoint = args.Text("webhook") is { } webhook ? new Uri(webhook) : null,
            AsyncPaymentDelay = TimeSpan.FromSeconds(args.Int("async-delay-seconds", 5)),
            Log = Console.Out,
        };
        await using var fake = await StripeFake.StartAsync(options);
        Console.WriteLine($"stripe fake on {fake.BaseUrl} (API version {fake.ApiVersion}; webhooks to {fake.WebhookEndpoint?.ToString() ?? "nowhere"}; " +
                          $"hosted checkout pages at {fake.BaseUrl}c/pay/cs_…)");
        return await BenchRun.UntilStoppedAsync();
    }
}
