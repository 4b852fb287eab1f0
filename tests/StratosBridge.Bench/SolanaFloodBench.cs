using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using StratosBridge.TestKit;
using StratosBridge.TestKit.PriceFeeds;
using StratosBridge.TestKit.Postgres;
using StratosBridge.TestKit.Solana;

namespace StratosBridge.Bench;

/// <summary>
/// <c>ops/bench solana-flood</c>: does a flood of SOL quotes delay detecting a real payment? The real service (Release,
/// roles api and watchers, production poll interval) on a private PostgreSQL cluster, the LiteSVM devnet and the fake
/// price providers. First <c>--runs</c> real payments with no other quote open, then <c>N</c> flood quotes made through
/// POST /v1/quotes (never paid), then <c>--runs</c> real payments again; each real payment is a quote made after the
/// flood, paid with its reference. It prints, for each phase, the time from the payment's finality (as the bench saw it)
/// to its row in the ledger. Exits 1 if a payment is not recorded within <c>--timeout-seconds</c>.
/// </summary>
public static class SolanaFloodBench
{
    public static async Task<int> RunAsync(BenchArguments args)
    {
        var flood = args.PositionalInt(0, 5000);
        var runs = args.Int("runs", 3);
        var timeout = TimeSpan.FromSeconds(args.Int("timeout-seconds", 120));
        var dll = args.Text("service") ?? BenchService.DefaultDll;
        await using var fakes = await FakePriceProviders.StartAsync();
        await using var database = await TestDatabase.CreateAsync("bench_solana_flood");
        await using var solana = await SolanaDevnetNode.StartAsync();
        var keys = await SolanaDevnetNode.CreateKeypairsAsync(2);
        var (payer, recipient) = (keys[0], keys[1].Address);
        await solana.AirdropAsync(payer.Address, 1_000_000_000_000);
        await solana.AirdropAsync(recipient, 1_000_000_000); // an account (rent-exempt) before the first, smaller payment
        var environment = new Dictionary<string, string?>
        {
            ["Database__ConnectionString"] = database.ConnectionString,
            ["Roles"] = "api,watchers",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Solana__RpcUrl"] = solana.RpcUrl.ToString(),
            ["Pricing__Payments__solana__Recipient"] = recipient,
        };
        foreach (var (key, value) in fakes.Configuration(TimeSpan.FromSeconds(2)))
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        BenchService service;
        try
        {
            service = await BenchService.StartAsync(dll, environment, 32);
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"the service did not get ready: {e.Message}");
            return 1;
        }
        await using var _ = service;
        var http = service.Http;
        await using var ledger = NpgsqlDataSource.Create(database.ConnectionString);
        try
        {
            await Eventually.HoldsAsync(async () => (await http.PostAsJsonAsync("/v1/quotes", Quote(0))).IsSuccessStatusCode,
                TimeSpan.FromSeconds(60), "SOL quotes to be priced");
        }
        catch (TimeoutException e)
        {
            Console.Error.WriteLine($"the service did not get ready: {e.Message}\n{service.Process.OutputTail}");
            return 1;
        }
        Console.WriteLine($"service pid {service.Process.Pid} (roles api, watchers; Solana poll every 2 s), LiteSVM devnet pid {solana.Pid}");

        var baseline = new List<(TimeSpan FromFinal, TimeSpan FromSend)>();
        for (var i = 0; i < runs; i++)
        {
            baseline.Add(await PayAndDetectAsync(http, ledger, solana, payer, recipient, timeout, i));
        }
        var open = await OpenQuotesAsync(ledger);
        Report($"{open,6} SOL quotes open", baseline);

        var clock = Stopwatch.StartNew();
        var made = await FloodAsync(http, flood, concurrency: 16);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"flood: {made} SOL quotes made through POST /v1/quotes in {clock.Elapsed.TotalSeconds:0.0} s, none of them paid"));
        var flooded = new List<(TimeSpan FromFinal, TimeSpan FromSend)>();
        for (var i = 0; i < runs; i++)
        {
            flooded.Add(await PayAndDetectAsync(http, ledger, solana, payer, recipient, timeout, runs + i));
        }
        open = await OpenQuotesAsync(ledger);
        Report($"{open,6} SOL quotes open", flooded);
        return 0;
    }

    private static object Quote(int i) => new
    {
        beneficiary = "0x" + (i + 1).ToString("x40", CultureInfo.InvariantCulture),
        payAsset = "SOL",
        oz = "1",
    };

    /// <summary>A fresh SOL quote paid with its reference; the time from finality (and from sending) to the ledger's payment row.</summary>
    private static async Task<(TimeSpan FromFinal, TimeSpan FromSend)> PayAndDetectAsync(HttpClient http, NpgsqlDataSource ledger,
        SolanaDevnetNode solana, SolanaTestKeypair payer, string recipient, TimeSpan timeout, int run)
    {
        using var created = await http.PostAsJsonAsync("/v1/quotes", Quote(1_000_000 + run));
        created.EnsureSuccessStatusCode();
        using var quote = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var reference = quote.RootElement.GetProperty("payment").GetProperty("solana").GetProperty("reference").GetString()!;
        var due = ulong.Parse(quote.RootElement.GetProperty("amountDue").GetProperty("baseUnits").GetString()!, CultureInfo.InvariantCulture);

        var clock = Stopwatch.StartNew();
        var sent = (await solana.SendTransfersAsync([new SolanaTestTransfer(payer, recipient, due) { References = [reference] }]))[0];
        if (!sent.Accepted)
        {
            throw new InvalidOperationException($"the payment was refused: {sent.ErrorMessage}");
        }
        await solana.WaitForTransactionAsync(sent.Signature);
        var final = clock.Elapsed;
        await Eventually.HoldsAsync(async () =>
        {
            await using var cmd = ledger.CreateCommand("SELECT count(*) FROM payments WHERE chain = 'solana' AND tx_hash = $1");
            cmd.Parameters.AddWithValue(sent.Signature);
            return (long)(await cmd.ExecuteScalarAsync())! == 1;
        }, timeout, $"payment {sent.Signature} to be recorded", TimeSpan.FromMilliseconds(20));
        var recorded = clock.Elapsed;
        return (recorded - final, recorded);
    }

    private static async Task<int> FloodAsync(HttpClient http, int count, int concurrency)
    {
        var next = -1;
        var made = 0;
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                using var response = await http.PostAsJsonAsync("/v1/quotes", Quote(i));
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref made);
                }
            }
        }));
        await Task.WhenAll(workers);
        return made;
    }

    private static async Task<long> OpenQuotesAsync(NpgsqlDataSource ledger)
    {
        await using var cmd = ledger.CreateCommand("SELECT count(*) FROM quotes WHERE pay_chain = 'solana' AND monitor_until > now()");
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private static void Report(string phase, List<(TimeSpan FromFinal, TimeSpan FromSend)> runs)
    {
        string S(IEnumerable<TimeSpan> values) => string.Join(", ", values.Select(v => v.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s"));
        Console.WriteLine($"{phase}: real payment detected {S(runs.Select(r => r.FromFinal))} after finality " +
                          $"(max {runs.Max(r => r.FromFinal).TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s; " +
                          $"from sending: {S(runs.Select(r => r.FromSend))})");
    }
}
