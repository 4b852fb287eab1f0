using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json;
using Npgsql;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.TestKit.Anvil;

namespace StratosBridge.Bench;

/// <summary>
/// <c>ops/bench grants [N]</c>: N free Ozone claims end to end through the real service (Release build, all roles) on
/// the payments devnet (Stratos blocks every 0.2 s, the companion applying the prepays): one program, N fresh wallets,
/// each with a challenge signed ahead (personal_sign), then the N claims posted by <c>--clients</c> clients at once. It
/// prints claims/s (first claim posted → last claim answered), p50/p99/max from a claim to its credit's prepay receipt
/// (<c>grant_claims.claimed_at</c> → <c>credits.completed_at</c>), and claims/s end to end (first claim → last receipt).
/// Exits 1 unless every claim was accepted and credited exactly once (one completed credit per wallet, the companion's
/// Ozone for each wallet equal to the noz the ledger recorded, at least the grant).
/// </summary>
public static class GrantsBench
{
    private const string AdminToken = "bench-admin-token-0123456789abcdef0123456789";

    private static readonly BigInteger NozPerClaim = BigInteger.Parse("10000000000", CultureInfo.InvariantCulture);

    public static async Task<int> RunAsync(BenchArguments args)
    {
        var claims = args.PositionalInt(0, args.Int("claims", 300));
        var clients = args.Int("clients", 16);
        var dll = args.Text("service") ?? BenchService.DefaultDll;
        if (claims < 1 || clients < 1)
        {
            Console.Error.WriteLine("N and --clients must be at least 1");
            return 64;
        }
        return await BenchRun.RunAsync("grants", ct => RunAsync(claims, clients, dll, ct));
    }

    private static async Task<int> RunAsync(int count, int clients, string dll, CancellationToken ct)
    {
        Console.WriteLine($"grants bench: {count} claims of 10 GB (10^10 noz) by {clients} clients, credited on stratos");
        await using var devnet = await PaymentsDevnet.StartAsync(["ethereum"], TimeSpan.FromSeconds(0.2), Console.Out);
        var environment = devnet.ServiceEnvironment(TimeSpan.FromSeconds(1));
        environment["Roles"] = "api,jobs,watchers";
        environment["Jobs__InstanceId"] = "bench";
        environment["DOTNET_ENVIRONMENT"] = "Production";
        environment["Relay__SignerKey"] = AnvilNode.DevKeys[1];
        environment["Relay__AttesterKeys"] = AnvilNode.DevKeys[2];
        environment["Relay__InProcessAttesters"] = "true"; // the one-process shortcut (its attester runs the same checks)
        environment["Relay__PollInterval"] = "00:00:00.200";
        environment["Admin__Tokens__0"] = AdminToken;
        environment["RateLimits__Grants__PermitLimit"] = "1000000";
        environment["Grants__ClaimsPerProgramPerMinute"] = "1000000";
        await using var service = await BenchService.StartAsync(dll, environment, clients * 2);
        await service.WaitUntilAsync("/health/ready", TimeSpan.FromSeconds(60));
        await PaymentsBench.WaitForPricesAsync(service, ct);

        using var admin = new HttpClient { BaseAddress = service.Http.BaseAddress };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        using (var created = await admin.PostAsJsonAsync("/v1/admin/grants", new
               {
                   id = "bench", name = "bench", startsAt = DateTimeOffset.UtcNow.AddMinutes(-1), endsAt = DateTimeOffset.UtcNow.AddDays(1),
                   nozPerClaim = NozPerClaim.ToString(CultureInfo.InvariantCulture), budgetWei = BigInteger.Pow(10, 27).ToString(CultureInfo.InvariantCulture),
                   dailyBudgetWei = BigInteger.Pow(10, 27).ToString(CultureInfo.InvariantCulture), @operator = "bench",
               }, ct))
        {
            if ((int)created.StatusCode != 201)
            {
                throw new InvalidOperationException($"creating the program answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync(ct)}");
            }
        }

        var wallets = Enumerable.Range(0, count).Select(_ => EthKey.Generate()).ToArray();
        var signed = new (string Id, string Signature)[count];
        await ForEachAsync(count, clients, async i =>
        {
            using var response = await service.Http.PostAsJsonAsync("/v1/grants/bench/challenges", new { wallet = wallets[i].Address.ToString() }, ct);
            using var challenge = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            signed[i] = (challenge.RootElement.GetProperty("challengeId").GetString()!,
                PersonalMessage.Sign(wallets[i], challenge.RootElement.GetProperty("message").GetString()!));
        });
        Console.WriteLine($"  {count} challenges asked for and signed; claiming");

        var failures = new ConcurrentQueue<string>();
        var claiming = Stopwatch.StartNew();
        var firstClaim = DateTimeOffset.UtcNow;
        await ForEachAsync(count, clients, async i =>
        {
            using var response = await service.Http.PostAsJsonAsync("/v1/grants/bench/claims",
                new { wallet = wallets[i].Address.ToString(), challengeId = signed[i].Id, signature = signed[i].Signature }, ct);
            if ((int)response.StatusCode != 201)
            {
                failures.Enqueue($"claim {i} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
            }
        });
        var claimTook = claiming.Elapsed;
        if (!failures.IsEmpty)
        {
            Console.WriteLine($"  FAILED: {failures.Count} claims refused, e.g. {failures.First()}");
            return 1;
        }
        Console.WriteLine($"  {count} claims accepted in {claimTook.TotalSeconds:0.00} s; waiting for their prepays");

        await using var ledger = NpgsqlDataSource.Create(devnet.Database.ConnectionString);
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromMinutes(10);
        long done;
        while ((done = await CountAsync(ledger, "SELECT count(*) FROM credits WHERE grant_claim_id IS NOT NULL AND status = 'completed' AND purchased_noz IS NOT NULL", ct)) < count)
        {
            if (DateTimeOffset.UtcNow > deadline || service.Process.HasExited)
            {
                Console.WriteLine($"  FAILED: {done} of {count} credits completed within 10 minutes\n{service.Process.OutputTail}");
                return 1;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }

        var latencies = new List<TimeSpan>();
        var lastReceipt = DateTimeOffset.MinValue;
        var mismatches = new List<string>();
        await using (var cmd = ledger.CreateCommand("""
            SELECT g.wallet, g.claimed_at, c.completed_at, c.purchased_noz FROM grant_claims g JOIN credits c ON c.grant_claim_id = g.id
            """))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var completed = reader.GetFieldValue<DateTimeOffset>(2);
                latencies.Add(completed - reader.GetFieldValue<DateTimeOffset>(1));
                lastReceipt = completed > lastReceipt ? completed : lastReceipt;
                var wallet = Chains.Evm.EthAddress.Parse(reader.GetString(0));
                var bought = reader.GetFieldValue<BigInteger>(3);
                // Claims are priced at the snapshot of the moment; the prepays before a claim's own move the curve a little, so
                // it buys within a millionth of the grant (as quotes do). Exactly what the ledger recorded is on the chain.
                if (BigInteger.Abs(bought - NozPerClaim) * 1_000_000 > NozPerClaim || devnet.Companion.OzoneBalance(wallet) != bought)
                {
                    mismatches.Add($"{wallet}: ledger {bought} noz, companion {devnet.Companion.OzoneBalance(wallet)}");
                }
            }
        }
        latencies.Sort();
        var endToEnd = lastReceipt - firstClaim;
        Console.WriteLine($"""

              claims accepted:        {count / claimTook.TotalSeconds:0.0} claims/s ({count} in {claimTook.TotalSeconds:0.00} s, {clients} clients)
              end to end:             {count / endToEnd.TotalSeconds:0.0} claims/s (first claim → last prepay receipt, {endToEnd.TotalSeconds:0.0} s)
              claim → prepay receipt: p50 {Percentile.Of(latencies, 0.5).TotalSeconds:0.00} s, p99 {Percentile.Of(latencies, 0.99).TotalSeconds:0.00} s, max {latencies[^1].TotalSeconds:0.00} s
              service peak memory:    {service.PeakMemoryBytes() / (1024 * 1024)} MiB
            """);
        if (latencies.Count != count || mismatches.Count > 0)
        {
            Console.WriteLine($"  FAILED: {latencies.Count} credits for {count} claims; {string.Join("; ", mismatches.Take(3))}");
            return 1;
        }
        Console.WriteLine("  every claim credited once, and the companion holds each wallet's Ozone");
        return 0;
    }

    private static async Task ForEachAsync(int count, int clients, Func<int, Task> body)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await body(i);
            }
        })));
    }

    private static async Task<long> CountAsync(NpgsqlDataSource ledger, string sql, CancellationToken ct)
    {
        await using var cmd = ledger.CreateCommand(sql);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
