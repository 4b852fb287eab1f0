using System.Globalization;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Npgsql;
using StratosBridge.Relayer.Jobs;
using StratosBridge.TestKit;
using StratosBridge.TestKit.Postgres;

namespace StratosBridge.Bench;

/// <summary>
/// <c>ops/bench jobs</c>: the overhead of running work as a Hangfire job, from schedule to start, on the real service
/// (Release build, role jobs) with its private PostgreSQL cluster.
/// <list type="bullet">
/// <item><b>operator jobs</b>: N jobs enqueued one at a time, <c>--gap-ms</c> apart (each an operator's retry of a credit
/// that does not exist, so the job does its real ledger work, finds nothing to change and ends); schedule-to-start is the
/// job's Processing state's time minus its Enqueued state's time, both as Hangfire recorded them;</item>
/// <item><b>recurring firings</b>: purchased-ozone every second for <c>--recurring-seconds</c>; schedule-to-start is its
/// Processing state's time minus the firing's scheduled time (Hangfire's <c>Time</c> parameter, whole seconds).</item>
/// </list>
/// <c>--queue-poll</c> and <c>--schedule-poll</c> set <c>Jobs:QueuePollInterval</c> and <c>Jobs:SchedulePollingInterval</c>
/// (defaults: the service's, 1 s each). Prints p50/p90/p99/max of each.
/// </summary>
public static class JobsBench
{
    public static async Task<int> RunAsync(BenchArguments args)
    {
        var count = args.PositionalInt(0, 200);
        var gap = TimeSpan.FromMilliseconds(args.Int("gap-ms", 50));
        var recurringSeconds = args.Int("recurring-seconds", 30);
        var queuePoll = args.Text("queue-poll") ?? "00:00:01";
        var schedulePoll = args.Text("schedule-poll") ?? "00:00:01";
        var dll = args.Text("service") ?? BenchService.DefaultDll;
        await using var database = await TestDatabase.CreateAsync("bench_jobs");
        var environment = new Dictionary<string, string?>
        {
            ["Database__ConnectionString"] = database.ConnectionString,
            ["Roles"] = "jobs",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Jobs__InstanceId"] = "bench",
            ["Jobs__QueuePollInterval"] = queuePoll,
            ["Jobs__SchedulePollingInterval"] = schedulePoll,
            ["Jobs__PurchasedOzoneCron"] = "* * * * * *",
        };
        BenchService service;
        try
        {
            service = await BenchService.StartAsync(dll, environment);
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"the service did not get ready: {e.Message}");
            return 1;
        }
        await using var _ = service;
        await using var ledger = NpgsqlDataSource.Create(database.ConnectionString);
        await Eventually.HoldsAsync(async () => await ScalarAsync(ledger, "SELECT count(*) FROM hangfire.server") == 1, TimeSpan.FromSeconds(60),
            "the service's Hangfire server to register");
        Console.WriteLine($"service pid {service.Process.Pid} (role jobs; queue poll {queuePoll}, schedule poll {schedulePoll}); " +
                          $"{count} operator jobs {gap.TotalMilliseconds:0} ms apart, recurring firings for {recurringSeconds} s");

        // The bench enqueues as the api role does: the same storage, schema and serializer settings.
        GlobalConfiguration.Configuration.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings();
        var options = new PostgreSqlStorageOptions { SchemaName = JobsOptions.Schema, PrepareSchemaIfNecessary = false };
        var client = new BackgroundJobClient(new PostgreSqlStorage(new NpgsqlConnectionFactory(database.ConnectionString, options), options));
        var ids = new List<string>();
        var recurringFrom = DateTimeOffset.UtcNow;
        for (var i = 0; i < count; i++)
        {
            var decision = $"bench-{i}";
            ids.Add(client.Enqueue<OperatorDecisionJob>(j => j.RetryCreditAsync(-1, decision, "operator:bench", "bench", CancellationToken.None)));
            await Task.Delay(gap);
        }
        var remaining = TimeSpan.FromSeconds(recurringSeconds) - (DateTimeOffset.UtcNow - recurringFrom);
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining);
        }
        try
        {
            await Eventually.HoldsAsync(async () => await ScalarAsync(ledger,
                    $"SELECT count(*) FROM hangfire.job WHERE statename = 'Succeeded' AND id = ANY('{{{string.Join(',', ids)}}}'::bigint[])") == count,
                TimeSpan.FromSeconds(120), "every operator job to succeed");
        }
        catch (TimeoutException e)
        {
            Console.Error.WriteLine($"{e.Message}\n{service.Process.OutputTail}");
            return 1;
        }

        var operatorJobs = await DelaysAsync(ledger, $$"""
            SELECT p.createdat - e.createdat FROM hangfire.job j
              JOIN LATERAL (SELECT min(createdat) AS createdat FROM hangfire.state WHERE jobid = j.id AND name = 'Enqueued') e ON true
              JOIN LATERAL (SELECT min(createdat) AS createdat FROM hangfire.state WHERE jobid = j.id AND name = 'Processing') p ON true
             WHERE j.id = ANY('{{{string.Join(',', ids)}}}'::bigint[])
            """);
        var firings = await DelaysAsync(ledger, """
            SELECT p.createdat - to_timestamp(t.value::bigint) FROM hangfire.job j
              JOIN hangfire.jobparameter r ON r.jobid = j.id AND r.name = 'RecurringJobId' AND r.value = '"purchased-ozone"'
              JOIN hangfire.jobparameter t ON t.jobid = j.id AND t.name = 'Time'
              JOIN LATERAL (SELECT min(createdat) AS createdat FROM hangfire.state WHERE jobid = j.id AND name = 'Processing') p ON true
             WHERE p.createdat IS NOT NULL
            """);
        Print("operator jobs, enqueued → started", operatorJobs);
        Print("recurring firings, scheduled time → started", firings);
        return operatorJobs.Count == count ? 0 : 1;
    }

    private static void Print(string what, IReadOnlyList<TimeSpan> delays)
    {
        var sorted = delays.Order().ToArray();
        string Ms(double p) => Percentile.Of(sorted, p).TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
        Console.WriteLine($"  {what}: {sorted.Length} runs; p50 {Ms(0.5)} ms, p90 {Ms(0.9)} ms, p99 {Ms(0.99)} ms, max {Ms(1.0)} ms");
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource ledger, string sql)
    {
        await using var cmd = ledger.CreateCommand(sql);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task<List<TimeSpan>> DelaysAsync(NpgsqlDataSource ledger, string sql)
    {
        await using var cmd = ledger.CreateCommand(sql);
        await using var r = await cmd.ExecuteReaderAsync();
        var delays = new List<TimeSpan>();
        while (await r.ReadAsync())
        {
            delays.Add(r.GetTimeSpan(0));
        }
        return delays;
    }
}
