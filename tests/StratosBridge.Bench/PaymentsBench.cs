using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Chains.Evm.Submitting;
using StratosBridge.Relayer.Payments;
using StratosBridge.Relayer.Relaying;
using StratosBridge.TestKit.Anvil;

namespace StratosBridge.Bench;

/// <summary>
/// <c>ops/bench payments [N]</c>: N Ozone purchases end to end through the real service (Release build, all roles) on a
/// devnet of its own (<see cref="PaymentsDevnet"/>) with instant finality (<c>Confirmations = 0</c>): N quotes through
/// <c>POST /v1/quotes</c> (0.1–2 OZ each for a fresh beneficiary, paid in ETH on "ethereum" or BNB on "bsc",
/// <c>--chain</c>), then each paid with exactly its amount due through <c>OzonePayments.pay</c> by <c>--payers</c>
/// accounts at once; the paying chains mine a block every <c>--source-block-time</c> seconds (default 1), stratos every
/// <c>--dest-block-time</c> seconds (default 0.2, as <c>ops/bench migration</c>; 0 = automine); <c>--max-in-flight</c>
/// sets <c>Credits:MaxInFlight</c> (the service's default otherwise). The service watches the
/// payments, matches them and prepays each on Stratos with one <c>runMsg(MsgPrepay)</c>; the devnet companion applies
/// the prepays. It prints payments/s end to end (first payment sent → last credit's receipt), p50/p90/p99/max from a
/// payment's finality to its credit's prepay receipt (the ledger's <c>payments.final_at</c> → <c>credits.completed_at</c>)
/// with the stages in between, the prepay transactions and the service's peak memory. Exits 1 unless every quote was
/// credited exactly once (one matched payment, one completed credit, one applied prepay for its beneficiary on the
/// companion, whose Ozone balance is the purchased noz the ledger recorded), 130 on Ctrl-C; everything it started is
/// stopped by pid either way.
/// </summary>
public static class PaymentsBench
{
    private static readonly TimeSpan FastPolling = TimeSpan.FromMilliseconds(200);

    public static async Task<int> RunAsync(BenchArguments args)
    {
        var chains = (args.Text("chain") ?? "ethereum").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal).ToArray();
        var options = new Options(
            Payments: args.PositionalInt(0, args.Int("payments", 200)),
            Chains: chains,
            Payers: args.Int("payers", 8),
            SourceBlockTime: TimeSpan.FromSeconds(args.Int("source-block-time", 1)),
            DestBlockTime: TimeSpan.FromSeconds((double)args.Decimal("dest-block-time", 0.2m)),
            QuoteClients: args.Int("quote-clients", 8),
            MaxInFlight: args.Text("max-in-flight"),
            Stall: TimeSpan.FromSeconds(args.Int("stall-seconds", 120)),
            Seed: args.Int("seed", 4),
            Dll: args.Text("service") ?? BenchService.DefaultDll);
        if (options.Payments < 1 || options.Payers < 1 || options.QuoteClients < 1 || options.SourceBlockTime < TimeSpan.Zero
            || options.DestBlockTime < TimeSpan.Zero)
        {
            Console.Error.WriteLine("N, --payers and --quote-clients must be at least 1, the block times at least 0");
            return 64;
        }
        if (chains.Length == 0 || chains.Any(c => !PaymentsDevnet.PayingChains.ContainsKey(c)))
        {
            Console.Error.WriteLine($"--chain must be {string.Join(", ", PaymentsDevnet.PayingChains.Keys)} or several of them, comma-separated");
            return 64;
        }
        return await BenchRun.RunAsync("payments", ct => RunAsync(options, ct));
    }

    private static async Task<int> RunAsync(Options options, CancellationToken ct)
    {
        var random = new Random(options.Seed);
        var payers = Enumerable.Range(0, options.Payers).Select(_ => EthKey.Generate()).ToArray();
        Console.WriteLine($"payments bench: {options.Payments} quotes paid on {string.Join(", ", options.Chains)} by {options.Payers} payer(s), " +
                          "credited on stratos (2048)");
        Console.WriteLine("starting PostgreSQL, anvil, the fake price providers and the Stratos companion, deploying:");
        await using var devnet = await PaymentsDevnet.StartAsync(options.Chains, options.DestBlockTime, Console.Out);
        foreach (var (_, node) in devnet.Sources)
        {
            foreach (var payer in payers)
            {
                await node.RpcAsync("anvil_setBalance", payer.Address.ToLowerHex(), Hex.EncodeQuantity(1000 * BigInteger.Pow(10, 18)));
            }
        }
        if (options.SourceBlockTime > TimeSpan.Zero)
        {
            await devnet.MineSourcesEveryAsync(options.SourceBlockTime);
        }

        var environment = devnet.ServiceEnvironment(options.SourceBlockTime);
        environment["Roles"] = "api,jobs,watchers";
        environment["Jobs__InstanceId"] = "bench";
        environment["DOTNET_ENVIRONMENT"] = "Production";
        environment["Relay__SignerKey"] = AnvilNode.DevKeys[1];
        environment["Relay__AttesterKeys"] = AnvilNode.DevKeys[2];
        environment["Relay__InProcessAttesters"] = "true"; // the one-process shortcut (its attester runs the same checks)
        environment["Relay__PollInterval"] = FastPolling.ToString("c");
        environment["Watchers__PollInterval"] = FastPolling.ToString("c");
        environment["Credits__PriceRetry"] = "00:00:01";
        if (options.MaxInFlight is { } maxInFlight)
        {
            environment["Credits__MaxInFlight"] = maxInFlight;
        }
        await using var service = await BenchService.StartAsync(options.Dll, environment, options.QuoteClients * 2);
        await service.WaitUntilAsync("/health/ready", TimeSpan.FromSeconds(60));
        await WaitForPricesAsync(service, ct);
        PrintConfiguration(options, service.Process.Pid);

        var quoting = Stopwatch.StartNew();
        var quotes = await CreateQuotesAsync(service, Plan(options, random), options.QuoteClients, ct);
        Console.WriteLine($"  {quotes.Count} quotes created in {quoting.Elapsed.TotalSeconds:0.0} s " +
                          $"({quotes.Count / quoting.Elapsed.TotalSeconds:0} quotes/s, {options.QuoteClients} clients)");
        var load = await PaymentLoad.PrepareAsync(devnet.SourceRpcs,
            options.Chains.ToDictionary(c => c, c => devnet.Deployment(c).OzonePayments!.Value, StringComparer.Ordinal), payers, quotes, ct);

        var ledger = new PaymentsLedger(devnet.Database.ConnectionString, "stratos");
        var firstSent = DateTimeOffset.UtcNow;
        var sending = Stopwatch.StartNew();
        await load.SendAsync(ct);
        var sendTook = sending.Elapsed;
        Console.WriteLine($"  {quotes.Count} payments sent in {sendTook.TotalSeconds:0.0} s; waiting for their credits");
        await WaitForCreditsAsync(options, ledger, service, ct);

        var run = new Run(firstSent, sendTook, await ledger.TimingsAsync(ct), await ledger.PrepayTransactionsAsync(ct),
            service.PeakMemoryBytes());
        var check = Check(quotes, await ledger.CreditsByQuoteAsync(ct), devnet);
        PrintResults(options, run, check);
        return check.Passed ? 0 : 1;
    }

    /// <summary>What to quote: on each chain in turn, 0.1–2 OZ (whole milli-OZ) for a fresh beneficiary.</summary>
    private static IReadOnlyList<(string Chain, EthAddress Beneficiary, string Oz)> Plan(Options options, Random random)
    {
        var address = new byte[EthAddress.Length];
        return Enumerable.Range(0, options.Payments).Select(i =>
        {
            random.NextBytes(address);
            var oz = (random.Next(100, 2001) / 1000m).ToString("0.000", CultureInfo.InvariantCulture);
            return (options.Chains[i % options.Chains.Count], EthAddress.FromBytes(address), oz);
        }).ToArray();
    }

    /// <summary>
    /// Waits until every pair and the Ozone snapshot are priced (the fakes and the companion are polled fast); throws
    /// <see cref="InvalidOperationException"/> after a minute, and stops at once on <paramref name="ct"/>.
    /// </summary>
    internal static async Task WaitForPricesAsync(BenchService service, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        string last;
        do
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
            using var prices = JsonDocument.Parse(await service.Http.GetStringAsync("/v1/prices", ct));
            var ozone = prices.RootElement.GetProperty("ozone");
            var unpriced = prices.RootElement.GetProperty("pairs").EnumerateArray()
                .Where(p => p.GetProperty("status").GetString() != "ok").Select(p => $"{p.GetProperty("pair")} ({p.GetProperty("reason")})")
                .Prepend(ozone.GetProperty("status").GetString() == "ok" ? null : $"the Ozone snapshot ({ozone.GetProperty("lastError")})")
                .OfType<string>().ToArray();
            if (unpriced.Length == 0)
            {
                return;
            }
            last = string.Join(", ", unpriced);
        }
        while (DateTimeOffset.UtcNow < deadline);
        throw new InvalidOperationException($"the service did not price {last} within a minute\n{service.Process.OutputTail}");
    }

    /// <summary>Creates the quotes, <paramref name="clients"/> requests at a time, in plan order.</summary>
    private static async Task<IReadOnlyList<QuotedPayment>> CreateQuotesAsync(BenchService service,
        IReadOnlyList<(string Chain, EthAddress Beneficiary, string Oz)> plan, int clients, CancellationToken ct)
    {
        var created = new QuotedPayment[plan.Count];
        var next = -1;
        var failures = new ConcurrentQueue<string>();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < plan.Count && failures.IsEmpty)
            {
                var (chain, beneficiary, oz) = plan[i];
                var body = new { beneficiary = beneficiary.ToString(), payAsset = PaymentsDevnet.PayingChains[chain].Asset, oz };
                using var response = await service.Http.PostAsJsonAsync("/v1/quotes", body, ct);
                var text = await response.Content.ReadAsStringAsync(ct);
                if ((int)response.StatusCode != 201)
                {
                    failures.Enqueue($"POST /v1/quotes answered {(int)response.StatusCode}: {text}");
                    return;
                }
                using var quote = JsonDocument.Parse(text);
                var root = quote.RootElement;
                BigInteger Big(JsonElement value) => BigInteger.Parse(value.GetString()!, CultureInfo.InvariantCulture);
                created[i] = new QuotedPayment(chain, root.GetProperty("id").GetString()!, beneficiary,
                    Big(root.GetProperty("amountDue").GetProperty("baseUnits")), Big(root.GetProperty("noz")), Big(root.GetProperty("stosWei")));
            }
        }, ct)));
        return failures.TryPeek(out var failure) ? throw new InvalidOperationException(failure) : created;
    }

    /// <summary>Polls the ledger until every credit is completed with its purchased noz read; fails fast on an unmatched payment or a failed credit.</summary>
    private static async Task WaitForCreditsAsync(Options options, PaymentsLedger ledger, BenchService service, CancellationToken ct)
    {
        var done = 0L;
        var progressAt = DateTimeOffset.UtcNow;
        var lastReport = DateTimeOffset.UtcNow;
        while (done < options.Payments)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
            if (service.Process.HasExited)
            {
                throw new InvalidOperationException($"the service exited during the run:\n{service.Process.OutputTail}");
            }
            var (payments, credits) = await ledger.StatusCountsAsync(ct);
            if (payments.GetValueOrDefault("unmatched") + payments.GetValueOrDefault("orphaned") + credits.GetValueOrDefault("failed") > 0)
            {
                throw new InvalidOperationException($"not every payment is being credited ({Describe(payments, credits)}), " +
                                                    $"e.g. {await ledger.AnyFailureAsync(ct)}\n{service.Process.OutputTail}");
            }
            var now = DateTimeOffset.UtcNow;
            if (credits.GetValueOrDefault("completed+noz") > done)
            {
                done = credits.GetValueOrDefault("completed+noz");
                progressAt = now;
            }
            else if (now - progressAt > options.Stall)
            {
                throw new TimeoutException($"no credit completed for {options.Stall.TotalSeconds:0} s; ledger: {Describe(payments, credits)}\n" +
                                           service.Process.OutputTail);
            }
            if (now - lastReport > TimeSpan.FromSeconds(5))
            {
                Console.WriteLine($"  {Describe(payments, credits)}");
                lastReport = now;
            }
        }
    }

    /// <summary>
    /// Each quote credited exactly once: one payment, matched as paid; one credit, completed, for the quote's beneficiary;
    /// on the companion exactly one prepay for that beneficiary, applied, by the credit's transaction, and an Ozone balance
    /// equal to the purchased noz the ledger recorded; and no other prepay at all.
    /// </summary>
    private static CheckResult Check(IReadOnlyList<QuotedPayment> quotes, IReadOnlyDictionary<string, CreditRecord> records, PaymentsDevnet devnet)
    {
        var prepays = devnet.Companion.Prepays;
        var byBeneficiary = prepays.Where(p => p.Beneficiary is not null).ToLookup(p => p.Beneficiary!.Value);
        var wrong = new List<string>();
        var purchased = BigInteger.Zero;
        var shortOfQuote = 0;
        var mostShort = BigInteger.Zero;
        foreach (var quote in quotes)
        {
            var record = records.GetValueOrDefault(quote.QuoteId);
            var onChain = byBeneficiary[quote.Beneficiary].ToList();
            var balance = devnet.Companion.OzoneBalance(quote.Beneficiary);
            var problem = record switch
            {
                null => "not in the ledger",
                { Payments: not 1 } => $"{record.Payments} payments",
                { PaidPayments: not 1 } => "its payment is not matched as paid",
                { Credits: not 1 } or { CompletedCredits: not 1 } => $"{record.CompletedCredits} completed of {record.Credits} credits",
                _ when record.Beneficiary != quote.Beneficiary.ToLowerHex() => $"credited to {record.Beneficiary}",
                { PurchasedNoz: null } => "purchased noz not recorded",
                _ when onChain.Count != 1 => $"{onChain.Count} prepays for its beneficiary on the companion",
                _ when !onChain[0].Applied => $"its prepay was refused: {onChain[0].FailureReason}",
                _ when !string.Equals(onChain[0].TxHash, record.PrepayTxHash, StringComparison.OrdinalIgnoreCase) =>
                    $"the companion applied {onChain[0].TxHash}, the ledger completed {record.PrepayTxHash}",
                _ when balance != record.PurchasedNoz => $"Ozone balance {balance} noz, ledger says {record.PurchasedNoz} noz bought",
                _ => null,
            };
            if (problem is not null)
            {
                wrong.Add($"quote {quote.QuoteId[..12]}… ({quote.Beneficiary}): {problem}");
                continue;
            }
            purchased += balance;
            if (balance < quote.QuotedNoz)
            {
                shortOfQuote++;
                mostShort = BigInteger.Max(mostShort, quote.QuotedNoz - balance);
            }
        }
        var ours = quotes.Select(q => q.Beneficiary).ToHashSet();
        var extra = prepays.Count(p => p.Beneficiary is not { } b || !ours.Contains(b));
        return new CheckResult(wrong, extra, prepays.Count(p => p.Applied), prepays.Count(p => !p.Applied), purchased,
            quotes.Aggregate(BigInteger.Zero, (sum, q) => sum + q.QuotedNoz), shortOfQuote, mostShort);
    }

    private static string Describe(IReadOnlyDictionary<string, long> payments, IReadOnlyDictionary<string, long> credits)
    {
        static string Counts(IReadOnlyDictionary<string, long> counts) =>
            string.Join(", ", counts.Where(c => c.Value > 0).OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Value} {c.Key}"));
        return $"payments: {(payments.Count == 0 ? "none yet" : Counts(payments))}; credits: {(credits.Values.Sum() == 0 ? "none yet" : Counts(credits))}";
    }

    private static void PrintConfiguration(Options options, int pid)
    {
        var credits = new CreditOptions();
        Console.WriteLine($"service pid {pid} (Release, roles api,jobs,watchers); finality: Confirmations 0 on every chain");
        Console.WriteLine($"  blocks: {string.Join(", ", options.Chains)} {Mining(options.SourceBlockTime)}, stratos {Mining(options.DestBlockTime)}");
        Console.WriteLine($"  Credits:BatchSize {credits.BatchSize}, " +
                          $"Credits:MaxInFlight {options.MaxInFlight ?? credits.MaxInFlight.ToString(CultureInfo.InvariantCulture)} (service defaults unless given); " +
                          $"Relay:PollInterval and Watchers:PollInterval {FastPolling.TotalSeconds:0.###} s");
    }

    private static string Mining(TimeSpan blockTime) =>
        blockTime > TimeSpan.Zero ? $"every {blockTime.TotalSeconds:0.###} s" : "automine (a block per transaction)";

    private static void PrintResults(Options options, Run run, CheckResult check)
    {
        var n = options.Payments;
        var timings = run.Timings;
        var endToEnd = timings.LastReceipt - run.FirstSent;
        var creditOnly = timings.LastReceipt - timings.FirstFinal;
        var (byStatus, blocks, mostInBlock) = run.Prepays;
        var mined = byStatus.GetValueOrDefault("mined");
        var others = byStatus.Where(t => t.Key != "mined").Select(t => $"{t.Value} {t.Key}").ToArray();
        string S(TimeSpan t) => $"{t.TotalSeconds:0.00} s";
        string Spread(IReadOnlyList<TimeSpan> sorted) =>
            $"p50 {S(Percentile.Of(sorted, 0.50))}  p90 {S(Percentile.Of(sorted, 0.90))}  p99 {S(Percentile.Of(sorted, 0.99))}  max {S(Percentile.Of(sorted, 1.0))}";

        Console.WriteLine();
        Row("credited exactly once (ledger + companion)", $"{n - check.Problems.Count} of {n}");
        Row("credits completed", $"{timings.FinalToReceipt.Count}");
        Row("prepay transactions (runMsg) on stratos", $"{mined} mined in {blocks} blocks (at most {mostInBlock} in one)" +
                                                       (others.Length > 0 ? $", {string.Join(", ", others)}" : ""));
        Row("prepays on the companion", $"{check.Applied} applied, {check.Refused} refused");
        Row("Ozone bought / quoted", $"{check.PurchasedNoz} / {check.QuotedNoz} noz" +
                                     (check.ShortOfQuote > 0 ? $" ({check.ShortOfQuote} below their quote, by at most {check.MostShort} noz)" : ""));
        Row("payments/s: first payment sent → last receipt", $"{n / endToEnd.TotalSeconds:0.0} ({endToEnd.TotalSeconds:0.0} s)");
        Row("payments/s: first final → last receipt", $"{n / creditOnly.TotalSeconds:0.0} ({creditOnly.TotalSeconds:0.0} s)");
        Row("payment final → credit receipt", Spread(timings.FinalToReceipt));
        Row("  final → matched (credit created)", Spread(timings.FinalToMatched));
        Row("  matched → prepay signed", Spread(timings.MatchedToSigned));
        Row("  signed → receipt recorded", Spread(timings.SignedToReceipt));
        Row("service peak memory (VmHWM)", $"{run.PeakMemoryBytes / (1024.0 * 1024):0} MiB");
        Console.WriteLine();
        Console.WriteLine($"source: {n} payments sent in {run.SendTook.TotalSeconds:0.0} s; the last became final " +
                          $"{(timings.LastFinal - run.FirstSent).TotalSeconds:0.0} s after the first was sent");
        if (!check.Passed)
        {
            Console.WriteLine($"FAILED: {check.Problems.Count} quote(s) not credited exactly once, " +
                              $"{check.ExtraPrepays} prepay(s) on the companion for no quote of the bench");
            foreach (var line in check.Problems.Take(10))
            {
                Console.WriteLine($"  {line}");
            }
        }
    }

    private static void Row(string label, string value) => Console.WriteLine($"{label,-48}{value}");

    private sealed record Options(int Payments, IReadOnlyList<string> Chains, int Payers, TimeSpan SourceBlockTime, TimeSpan DestBlockTime,
        int QuoteClients, string? MaxInFlight, TimeSpan Stall, int Seed, string Dll);

    private sealed record Run(DateTimeOffset FirstSent, TimeSpan SendTook, PaymentTimings Timings,
        (IReadOnlyDictionary<string, long> ByStatus, long Blocks, long MostInOneBlock) Prepays, long PeakMemoryBytes);

    /// <summary><paramref name="Problems"/>: one line per quote not credited exactly once.</summary>
    private sealed record CheckResult(IReadOnlyList<string> Problems, int ExtraPrepays, int Applied, int Refused, BigInteger PurchasedNoz,
        BigInteger QuotedNoz, int ShortOfQuote, BigInteger MostShort)
    {
        public bool Passed => Problems.Count == 0 && ExtraPrepays == 0 && Refused == 0;
    }
}
