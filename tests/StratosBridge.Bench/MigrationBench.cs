using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Submitting;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Deploy;
using StratosBridge.Relayer.Relaying;
using StratosBridge.Relayer.Watchers;
using StratosBridge.TestKit.Anvil;
using StratosBridge.TestKit.PriceFeeds;

namespace StratosBridge.Bench;

/// <summary>
/// <c>ops/bench migration [N]</c>: N locks on "ethereum" released as native STOS on "stratos" by the real service
/// (Release build, all roles) on a devnet of its own with instant finality (<c>Confirmations = 0</c> on both chains).
/// Both chains mine on an interval, as real chains do: ethereum a block every <c>--source-block-time</c> seconds
/// (default 1), so locks share blocks and each is final in the block that includes it; stratos every
/// <c>--dest-block-time</c> seconds (default 0.2, 25 times faster than Stratos' ~5 s, so that the naive relay below finishes
/// in minutes; 0 = automine, where inclusion costs nothing and the naive relay is at its best).
/// It prints transfers/s end to end (first lock sent → last destination receipt), p50/p99 from source finality to
/// destination receipt (the ledger's timeline), destination transactions used and the service's peak memory; then the
/// same N releases through <see cref="NaiveRelay"/> (one transaction per transfer, each receipt awaited) and the ratio.
/// <c>--attesters N</c> (default 3) attester processes (<c>Roles=attester</c>, anvil's dev keys #2, #5, #6, …) sign the releases,
/// <c>--threshold M</c> (default a majority) of them per release, as on the devnet; the report adds p50/p99 from source
/// finality to the first and to the M-th signature. <c>--attesters 0</c>: the one-process shortcut (one attester in the service).
/// <c>--reconciliation-cron</c> sets the service's <c>Safety:ReconciliationCron</c> (<c>off</c>, or a six-field cron such as
/// <c>"*/2 * * * * *"</c>; default: the service's, every minute) to measure reconciliation's cost; the report says how often it
/// ran and whether it paused anything.
/// Exits 1 unless every recipient holds exactly its amount afterwards (each transfer released exactly once), 130 on
/// Ctrl-C; everything it started is stopped by pid either way.
/// </summary>
public static class MigrationBench
{
    private static readonly BigInteger Stos = BigInteger.Pow(10, 18);

    public static async Task<int> RunAsync(BenchArguments args)
    {
        var options = new Options(
            Locks: args.PositionalInt(0, args.Int("locks", 2000)),
            Holders: args.Int("accounts", 8),
            SourceBlockTime: TimeSpan.FromSeconds(args.Int("source-block-time", 1)),
            DestBlockTime: TimeSpan.FromSeconds((double)args.Decimal("dest-block-time", 0.2m)),
            BatchSize: args.Text("batch-size"),
            Stall: TimeSpan.FromSeconds(args.Int("stall-seconds", 120)),
            Seed: args.Int("seed", 4),
            Dll: args.Text("service") ?? BenchService.DefaultDll,
            GovernorUsd: args.Text("governor-usd"),
            Naive: args.Int("naive", 1) != 0,
            ReconciliationCron: args.Text("reconciliation-cron"),
            Attesters: args.Int("attesters", 3),
            Threshold: args.Text("threshold") is { } threshold ? int.Parse(threshold, CultureInfo.InvariantCulture) : null);
        if (options.Locks < 1 || options.Holders < 1 || options.SourceBlockTime < TimeSpan.Zero || options.DestBlockTime < TimeSpan.Zero
            || options.Attesters is < 0 or > 5 || options.Threshold is { } m && (m < 1 || m > Math.Max(options.Attesters, 1)))
        {
            Console.Error.WriteLine("N and --accounts must be at least 1, the block times at least 0, --attesters 0 to 5, --threshold 1 to --attesters");
            return 64;
        }
        return await BenchRun.RunAsync("migration", ct => RunAsync(options, ct));
    }

    private static async Task<int> RunAsync(Options options, CancellationToken ct)
    {
        var random = new Random(options.Seed);
        var transfers = PlannedTransfer.Random(options.Locks, random);
        var total = transfers.Aggregate(BigInteger.Zero, (sum, t) => sum + t.Amount);
        var holders = Enumerable.Range(0, options.Holders).Select(_ => EthKey.Generate()).ToArray();
        var defaults = DeploymentSettings.Devnet();
        var settings = defaults with
        {
            Attesters = [.. options.AttesterKeys.Select(k => k.Address)],
            Threshold = options.RequiredSignatures,
            // Both relays release on the same stratos vault: liquidity and the 24 h cap must carry 2 × the total.
            InitialLiquidity = 2 * total + Stos,
            // the planned amounts start at 0.001 STOS; the devnet default minimum lock (1 STOS) refused most of them
            MinLock = transfers.Min(t => t.Amount),
            DailyCap = BigInteger.Max(defaults.DailyCap, 2 * total + Stos),
            Holders = holders.Select(h => h.Address).ToArray(),
            HolderAmount = total,
        };
        var relayer = EthKey.FromHex(AnvilNode.DevKeys[1]);

        Console.WriteLine($"migration bench: {options.Locks} locks from {options.Holders} accounts, ethereum (1) → stratos (2048)");
        Console.WriteLine("starting PostgreSQL and anvil, deploying:");
        await using var devnet = await MigrationDevnet.StartAsync(settings, settings.InitialLiquidity + 1000 * Stos,
            options.DestBlockTime, Console.Out);
        var token = devnet.EthereumDeployment.StosToken!.Value;
        var sourceVault = devnet.EthereumDeployment.Vaults["stratos"];
        var destVault = devnet.StratosDeployment.Vaults["ethereum"];
        foreach (var holder in holders)
        {
            await devnet.Ethereum.RpcAsync("anvil_setBalance", holder.Address.ToLowerHex(), Hex.EncodeQuantity(1000 * Stos));
        }
        var load = await LockLoad.PrepareAsync(devnet.EthereumRpc, devnet.Ethereum.ChainId, token, sourceVault, holders, transfers, ct);
        if (options.SourceBlockTime > TimeSpan.Zero)
        {
            await devnet.MineEthereumEveryAsync(options.SourceBlockTime);
        }

        var environment = devnet.ServiceEnvironment(options.SourceBlockTime);
        environment["Roles"] = "api,jobs,watchers";
        environment["Jobs__InstanceId"] = "bench";
        environment["DOTNET_ENVIRONMENT"] = "Production";
        environment["Relay__SignerKey"] = AnvilNode.DevKeys[1];
        if (options.Attesters == 0)
        {
            environment["Relay__AttesterKeys"] = AnvilNode.DevKeys[2];
            environment["Relay__InProcessAttesters"] = "true"; // the one-process shortcut (its attester runs the same checks)
        }
        if (options.BatchSize is { } batchSize)
        {
            environment["Relay__BatchSize"] = batchSize;
        }
        if (options.ReconciliationCron is { } cron)
        {
            environment["Safety__ReconciliationCron"] = cron == "off" ? "" : cron; // empty: the recurring job is removed
        }
        // --governor-usd L: the governor on for ethereum with both limits at L USD (high enough, nothing is delayed: its cost
        // alone), STOS/USD from the fake price providers
        await using var prices = options.GovernorUsd is null ? null : await FakePriceProviders.StartAsync();
        if (prices is not null)
        {
            foreach (var (key, value) in prices.Configuration())
            {
                environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }
            environment["Governor__Chains__ethereum__DailyLimitUsd"] = options.GovernorUsd;
            environment["Governor__Chains__ethereum__SingleTransferUsd"] = options.GovernorUsd;
        }
        var service = await BenchService.StartAsync(options.Dll, environment);
        var attesters = new List<BenchService>();
        var journals = Directory.CreateTempSubdirectory("bench-attesters-");
        BatchedRun batched;
        try
        {
            await service.WaitUntilAsync("/health/ready", TimeSpan.FromSeconds(60));
            // after the service has migrated the ledger: an attester only checks the schema
            for (var i = 0; i < options.Attesters; i++)
            {
                var own = devnet.ServiceEnvironment(options.SourceBlockTime);
                own["Roles"] = "attester";
                own["DOTNET_ENVIRONMENT"] = "Production";
                own["Attester__Key"] = AttesterKeys[i];
                own["Attester__JournalFile"] = Path.Combine(journals.FullName, $"attester-{i}.journal");
                attesters.Add(await BenchService.StartAsync(options.Dll, own));
            }
            PrintConfiguration(options, service.Process.Pid);
            batched = await RunBatchedAsync(options, devnet, load, service, ct);
        }
        finally
        {
            foreach (var attester in attesters)
            {
                await attester.DisposeAsync();
            }
            await service.DisposeAsync(); // stopped before the naive relay runs, so the two do not share the machine
            journals.Delete(recursive: true);
        }
        var batchedMisses = await MisreleasedAsync(devnet.StratosRpc, transfers, ct);
        if (!options.Naive)
        {
            PrintBatched(options, batched, batchedMisses);
            return batchedMisses == 0 ? 0 : 1;
        }

        Console.WriteLine($"naive relay: {options.Locks} releases on the same vault, one transaction each, every receipt awaited");
        var naiveTransfers = transfers.Zip(PlannedTransfer.Random(transfers.Count, random), (t, fresh) => t with { Recipient = fresh.Recipient })
            .ToArray(); // the same amounts to fresh recipients
        var naive = await NaiveRelay.RunAsync(devnet.StratosRpc, devnet.Stratos.ChainId, destVault, devnet.Ethereum.ChainId, sourceVault, relayer,
            options.AttesterKeys.Take(options.RequiredSignatures).ToList(),
            naiveTransfers,
            new Progress<int>(done => ReportEvery(done, options.Locks, "released")), ct);
        var naiveMisses = await MisreleasedAsync(devnet.StratosRpc, naiveTransfers, ct);

        PrintResults(options, batched, batchedMisses, naive, naiveMisses);
        return batchedMisses == 0 && naiveMisses == 0 ? 0 : 1;
    }

    private static async Task<BatchedRun> RunBatchedAsync(Options options, MigrationDevnet devnet, LockLoad load, BenchService service,
        CancellationToken ct)
    {
        var ledger = new MigrationLedger(devnet.Database.ConnectionString, "ethereum", "stratos");
        var firstLockSent = DateTimeOffset.UtcNow;
        var sending = Stopwatch.StartNew();
        await load.SendAsync(ct);
        var sendTook = sending.Elapsed;
        Console.WriteLine($"  {options.Locks} locks sent in {sendTook.TotalSeconds:0.0} s; waiting for their releases");

        var completed = 0L;
        var progressAt = DateTimeOffset.UtcNow;
        var lastReport = DateTimeOffset.UtcNow;
        while (completed < options.Locks)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
            if (service.Process.HasExited)
            {
                throw new InvalidOperationException($"the service exited during the run:\n{service.Process.OutputTail}");
            }
            var counts = await ledger.StatusCountsAsync(ct);
            if (counts.GetValueOrDefault("failed") > 0)
            {
                throw new InvalidOperationException(
                    $"{counts["failed"]} transfer(s) failed, e.g. {await ledger.AnyFailureAsync(ct)}\n{service.Process.OutputTail}");
            }
            var now = DateTimeOffset.UtcNow;
            if (counts.GetValueOrDefault("completed") > completed)
            {
                completed = counts.GetValueOrDefault("completed");
                progressAt = now;
            }
            else if (now - progressAt > options.Stall)
            {
                throw new TimeoutException($"no transfer completed for {options.Stall.TotalSeconds:0} s; ledger: {Describe(counts)}\n" +
                                           service.Process.OutputTail);
            }
            if (now - lastReport > TimeSpan.FromSeconds(5))
            {
                Console.WriteLine($"  {Describe(counts)}");
                lastReport = now;
            }
        }
        var peak = service.PeakMemoryBytes();
        var timings = await ledger.TimingsAsync(ct);
        var transactions = await ledger.DestinationTransactionsAsync(ct);
        return new BatchedRun(firstLockSent, sendTook, timings, transactions, peak, await ledger.ReconciliationAsync(ct),
            await ledger.AttestationTimingsAsync(options.RequiredSignatures, ct));
    }

    /// <summary>How many recipients do not hold exactly their amount (0: each transfer was released exactly once).</summary>
    private static async Task<int> MisreleasedAsync(EvmRpcClient rpc, IReadOnlyList<PlannedTransfer> transfers, CancellationToken ct)
    {
        var wrong = 0;
        await Parallel.ForEachAsync(transfers, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (transfer, token) =>
        {
            var balance = await rpc.GetBalanceAsync(transfer.Recipient.ToLowerHex(), EvmBlocks.Latest, token);
            if (balance != transfer.Amount)
            {
                Interlocked.Increment(ref wrong);
            }
        });
        return wrong;
    }

    private static string Describe(IReadOnlyDictionary<string, long> counts) =>
        counts.Count == 0 ? "no transfers yet" : string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Value} {c.Key}"));

    private static void ReportEvery(int done, int of, string what)
    {
        if (done % 500 == 0 || done == of)
        {
            Console.WriteLine($"  {done} of {of} {what}");
        }
    }

    private static void PrintConfiguration(Options options, int pid)
    {
        var relay = new RelayOptions();
        var watchers = new WatcherOptions();
        Console.WriteLine($"service pid {pid} (Release, roles api,jobs,watchers); finality: Confirmations 0 on both chains");
        Console.WriteLine($"  blocks: ethereum {Mining(options.SourceBlockTime)}, stratos {Mining(options.DestBlockTime)}");
        Console.WriteLine($"  attesters: {(options.Attesters == 0 ? "one, in the service (Relay:InProcessAttesters)" : $"{options.Attesters} processes")}, " +
                          $"{options.RequiredSignatures} signature(s) per release");
        Console.WriteLine($"  governor: {(options.GovernorUsd is { } usd ? $"on for ethereum, limits {usd} USD (nothing delayed)" : "off")}");
        Console.WriteLine($"  reconciliation: {options.ReconciliationCron switch { null => "the service's schedule (Safety:ReconciliationCron, every minute)", "off" => "off", var cron => $"cron '{cron}'" }}");
        Console.WriteLine($"  Relay:BatchSize {options.BatchSize ?? relay.BatchSize.ToString(CultureInfo.InvariantCulture)}, " +
                          $"MaxInFlight {relay.MaxInFlight}, PollInterval {relay.PollInterval.TotalSeconds:0.###} s; " +
                          $"Watchers:PollInterval {watchers.PollInterval.TotalSeconds:0.###} s (service defaults unless given)");
    }

    private static string Mining(TimeSpan blockTime) =>
        blockTime > TimeSpan.Zero ? $"every {blockTime.TotalSeconds:0.###} s" : "automine (a block per transaction)";

    private static void PrintResults(Options options, BatchedRun batched, int batchedMisses, NaiveRelayRun naive, int naiveMisses)
    {
        var n = options.Locks;
        var timings = batched.Timings;
        var endToEnd = timings.LastReceipt - batched.FirstLockSent;
        var relayOnly = timings.LastReceipt - timings.FirstFinal;
        var mined = batched.Transactions.GetValueOrDefault("mined");
        var others = batched.Transactions.Where(t => t.Key != "mined").Select(t => $"{t.Value} {t.Key}").ToArray();
        var naiveRate = n / naive.Elapsed.TotalSeconds;
        string Rate(TimeSpan elapsed) => $"{n / elapsed.TotalSeconds:0.0} ({elapsed.TotalSeconds:0.0} s)";
        string S(TimeSpan t) => $"{t.TotalSeconds:0.00} s";
        string Ms(TimeSpan t) => $"{t.TotalMilliseconds:0} ms";

        Console.WriteLine();
        Row("", "batched (the service)", "naive (1 tx per transfer)");
        Row("released exactly once (recipient balances)", $"{n - batchedMisses} of {n}", $"{n - naiveMisses} of {n}");
        Row("destination transactions", $"{mined} mined ({(double)n / Math.Max(mined, 1):0.0} transfers/tx)" +
                                        (others.Length > 0 ? $", {string.Join(", ", others)}" : ""), $"{n} mined");
        Row("transfers/s: first lock sent → last receipt", Rate(endToEnd), "—");
        Row("transfers/s: first final → last receipt", Rate(relayOnly), Rate(naive.Elapsed) + " *");
        Row("latency source finality → receipt p50", S(Percentile.Of(timings.Latencies, 0.50)), S(Percentile.Of(naive.ReceiptsSinceStart, 0.50)) + " *");
        Row("                                  p99", S(Percentile.Of(timings.Latencies, 0.99)), S(Percentile.Of(naive.ReceiptsSinceStart, 0.99)) + " *");
        Row("one release transaction p50 / p99", "—", $"{Ms(Percentile.Of(naive.RoundTrips, 0.50))} / {Ms(Percentile.Of(naive.RoundTrips, 0.99))}");
        Row("service peak memory (VmHWM)", $"{batched.PeakMemoryBytes / (1024.0 * 1024):0} MiB", "—");
        Row("reconciliation during the run", batched.Reconciliation.ToString(), "—");
        PrintAttestations(options, batched.Attestations);
        Console.WriteLine("* the naive relay starts with all N transfers final and waiting");
        Console.WriteLine();
        Console.WriteLine($"source: {n} locks sent in {batched.SendTook.TotalSeconds:0.0} s; the last became final " +
                          $"{(timings.LastFinal - batched.FirstLockSent).TotalSeconds:0.0} s after the first was sent");
        Console.WriteLine($"batched / naive: {n / endToEnd.TotalSeconds / naiveRate:0.0}× end to end (the naive relay has no source side), " +
                          $"{n / relayOnly.TotalSeconds / naiveRate:0.0}× relay to relay");
        if (batchedMisses + naiveMisses > 0)
        {
            Console.WriteLine($"FAILED: {batchedMisses} batched and {naiveMisses} naive recipient(s) do not hold exactly their amount");
        }
    }

    /// <summary>The batched run alone (<c>--naive 0</c>).</summary>
    private static void PrintBatched(Options options, BatchedRun batched, int misses)
    {
        var n = options.Locks;
        var timings = batched.Timings;
        var endToEnd = timings.LastReceipt - batched.FirstLockSent;
        var relayOnly = timings.LastReceipt - timings.FirstFinal;
        Console.WriteLine();
        Row("released exactly once (recipient balances)", $"{n - misses} of {n}", "");
        Row("destination transactions mined", $"{batched.Transactions.GetValueOrDefault("mined")}", "");
        Row("transfers/s: first lock sent → last receipt", $"{n / endToEnd.TotalSeconds:0.0} ({endToEnd.TotalSeconds:0.0} s)", "");
        Row("transfers/s: first final → last receipt", $"{n / relayOnly.TotalSeconds:0.0} ({relayOnly.TotalSeconds:0.0} s)", "");
        Row("latency source finality → receipt p50", $"{Percentile.Of(timings.Latencies, 0.50).TotalSeconds:0.00} s", "");
        Row("                                  p99", $"{Percentile.Of(timings.Latencies, 0.99).TotalSeconds:0.00} s", "");
        Row("service peak memory (VmHWM)", $"{batched.PeakMemoryBytes / (1024.0 * 1024):0} MiB", "");
        Row("reconciliation during the run", batched.Reconciliation.ToString(), "");
        PrintAttestations(options, batched.Attestations);
    }

    private static void PrintAttestations(Options options, AttestationTimings a)
    {
        string Ms(IReadOnlyList<TimeSpan> sorted, double p) => sorted.Count == 0 ? "—" : $"{Percentile.Of(sorted, p).TotalMilliseconds:0} ms";
        Row("finality → first signature p50 / p99", $"{Ms(a.FirstSignature, 0.50)} / {Ms(a.FirstSignature, 0.99)}", "—");
        Row($"finality → {options.RequiredSignatures}th signature p50 / p99", $"{Ms(a.ThresholdSignature, 0.50)} / {Ms(a.ThresholdSignature, 0.99)}", "—");
        Row("signatures per transfer (mean)", $"{a.SignaturesPerTransfer:0.00} of {Math.Max(options.Attesters, 1)} attesters", "—");
    }

    private static void Row(string label, string batched, string naive) => Console.WriteLine($"{label,-46}{batched,-34}{naive}");

    /// <summary>The bench's attesters: anvil's dev keys #2, #5, #6, #7, #8 (never used anywhere else).</summary>
    private static readonly string[] AttesterKeys = [AnvilNode.DevKeys[2], AnvilNode.DevKeys[5], AnvilNode.DevKeys[6], AnvilNode.DevKeys[7], AnvilNode.DevKeys[8]];

    private sealed record Options(int Locks, int Holders, TimeSpan SourceBlockTime, TimeSpan DestBlockTime, string? BatchSize, TimeSpan Stall, int Seed, string Dll,
        string? GovernorUsd, bool Naive, string? ReconciliationCron, int Attesters, int? Threshold)
    {
        public IReadOnlyList<EthKey> AttesterKeys => MigrationBench.AttesterKeys.Take(Math.Max(Attesters, 1)).Select(EthKey.FromHex).ToList();

        /// <summary>--threshold, or a majority of the attesters (1 for the in-process shortcut).</summary>
        public int RequiredSignatures => Threshold ?? Math.Max(Attesters, 1) / 2 + 1;
    }

    private sealed record BatchedRun(DateTimeOffset FirstLockSent, TimeSpan SendTook, RelayTimings Timings,
        IReadOnlyDictionary<string, long> Transactions, long PeakMemoryBytes, ReconciliationRuns Reconciliation, AttestationTimings Attestations);
}
