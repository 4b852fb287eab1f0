using StratosBridge.Bench;

return args switch
{
    ["quotes", .. var rest] => await QuotesBench.RunAsync(BenchArguments.Parse(rest)),
    ["migration", .. var rest] => await MigrationBench.RunAsync(BenchArguments.Parse(rest)),
    ["payments", .. var rest] => await PaymentsBench.RunAsync(BenchArguments.Parse(rest)),
    ["solana-flood", .. var rest] => await SolanaFloodBench.RunAsync(BenchArguments.Parse(rest)),
    ["jobs", .. var rest] => await JobsBench.RunAsync(BenchArguments.Parse(rest)),
    ["webhooks", .. var rest] => await WebhooksBench.RunAsync(BenchArguments.Parse(rest)),
    ["grants", .. var rest] => await GrantsBench.RunAsync(BenchArguments.Parse(rest)),
    ["fake-prices", .. var rest] => await FakePricesServer.RunAsync(BenchArguments.Parse(rest)),
    ["stratos-companion", .. var rest] => await StratosCompanionServer.RunAsync(BenchArguments.Parse(rest)),
    ["stripe-fake", .. var rest] => await StripeFakeServer.RunAsync(BenchArguments.Parse(rest)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: StratosBridge.Bench quotes [--seconds 20] [--concurrency 16] [--service <StratosBridge.dll>]
               StratosBridge.Bench migration [N=2000] [--accounts 8] [--source-block-time 1] [--batch-size 50]
                                   [--stall-seconds 120] [--seed 4] [--service <StratosBridge.dll>]
               StratosBridge.Bench payments [N=200] [--chain ethereum|bsc|ethereum,bsc] [--payers 8] [--source-block-time 1]
                                   [--dest-block-time 0.2] [--max-in-flight 32] [--quote-clients 8] [--stall-seconds 120]
                                   [--seed 4] [--service <StratosBridge.dll>]
               StratosBridge.Bench solana-flood [N=5000] [--runs 3] [--timeout-seconds 120] [--service <StratosBridge.dll>]
               StratosBridge.Bench jobs [N=200] [--gap-ms 50] [--recurring-seconds 30] [--queue-poll 00:00:01]
                                   [--schedule-poll 00:00:01] [--service <StratosBridge.dll>]
               StratosBridge.Bench webhooks [N=1000] [--clients 8] [--service <StratosBridge.dll>]
               StratosBridge.Bench grants [N=300] [--clients 16] [--service <StratosBridge.dll>]
               StratosBridge.Bench fake-prices [--port 18560]
               StratosBridge.Bench stratos-companion --rpc http://127.0.0.1:18547 [--port 18561] [--state <file>] [--from-block N]
               StratosBridge.Bench stripe-fake --secret-key sk_test_… --webhook-secret whsec_… [--port 18562]
                                   [--webhook http://127.0.0.1:5080/v1/fiat/stripe/webhook] [--async-delay-seconds 5]
        """);
    return 64;
}
