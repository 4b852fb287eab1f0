using Npgsql;
using StratosBridge.TestKit;
using StratosBridge.TestKit.Anvil;
using StratosBridge.TestKit.Postgres;

namespace StratosBridge.Tests.Integration.Hosting;

/// <summary>Several instances against one database: Hangfire's recurring jobs and one watcher per chain, with fail-over.</summary>
public sealed class ClusterTests
{
    private sealed record Firing(DateTime ScheduledFor, string HangfireJob, string Server);

    private sealed record CreatedJob(string Id, long Time, string State);

    private static async Task<List<Firing>> FiringsAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT scheduled_for, hangfire_job, server FROM job_firings WHERE job = 'purchased-ozone' ORDER BY scheduled_for", conn);
        await using var r = await cmd.ExecuteReaderAsync();
        var firings = new List<Firing>();
        while (await r.ReadAsync())
        {
            firings.Add(new Firing(r.GetDateTime(0), r.GetString(1), r.GetString(2)));
        }
        return firings;
    }

    /// <summary>Every background job Hangfire's recurring scheduler created for purchased-ozone: its id, scheduled time, state.</summary>
    private static async Task<List<CreatedJob>> CreatedAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT j.id::text, t.value::bigint, coalesce(j.statename, '')
              FROM hangfire.job j
              JOIN hangfire.jobparameter r ON r.jobid = j.id AND r.name = 'RecurringJobId' AND r.value = '"purchased-ozone"'
              JOIN hangfire.jobparameter t ON t.jobid = j.id AND t.name = 'Time'
            """, conn);
        await using var r = await cmd.ExecuteReaderAsync();
        var jobs = new List<CreatedJob>();
        while (await r.ReadAsync())
        {
            jobs.Add(new CreatedJob(r.GetString(0), r.GetInt64(1), r.GetString(2)));
        }
        return jobs;
    }

    private static Dictionary<string, string?> JobsEnvironment(TestDatabase db, string instance)
    {
        var env = ServiceProcess.Environment(db.ConnectionString, "jobs", instance);
        env["Jobs__PurchasedOzoneCron"] = "* * * * * *"; // every second
        env["Jobs__SchedulePollingInterval"] = "00:00:01";
        env["Jobs__QueuePollInterval"] = "00:00:00.200";
        env["Jobs__InvisibilityTimeout"] = "00:00:05";
        return env;
    }

    [Fact]
    public async Task A_recurring_job_is_worked_once_per_firing_across_instances_and_goes_on_when_one_is_killed()
    {
        await using var db = await TestDatabase.CreateAsync("jobs_cluster");
        var (a, _) = await ServiceProcess.StartAsync("jobs-a", JobsEnvironment(db, "node-a"));
        await using var aHandle = a;
        var (b, _) = await ServiceProcess.StartAsync("jobs-b", JobsEnvironment(db, "node-b"));
        await using var bHandle = b;

        var before = await Eventually.HoldsAsync(() => FiringsAsync(db.ConnectionString), f => f.Count >= 8,
            TimeSpan.FromSeconds(120), "eight firings of purchased-ozone across the cluster");

        // Each firing (a scheduled time) was worked by one Hangfire job, one that the recurring scheduler created for that
        // time; any other job Hangfire created for the same time ended without working it.
        var created = await CreatedAsync(db.ConnectionString);
        foreach (var firing in before)
        {
            var seconds = new DateTimeOffset(firing.ScheduledFor, TimeSpan.Zero).ToUnixTimeSeconds();
            var forTime = created.Where(j => j.Time == seconds).ToList();
            Assert.Contains(forTime, j => j.Id == firing.HangfireJob);
            Assert.All(forTime.Where(j => j.State is "Succeeded" or "Failed"), j => Assert.Equal("Succeeded", j.State));
        }
        Assert.All(before.GroupBy(f => f.ScheduledFor), firing => Assert.Single(firing));
        Assert.All(created.GroupBy(j => j.Time).Where(g => g.All(j => j.State == "Succeeded")),
            g => Assert.Single(before, f => new DateTimeOffset(f.ScheduledFor, TimeSpan.Zero).ToUnixTimeSeconds() == g.Key));

        var victim = before[^1].Server.Contains("node-a", StringComparison.Ordinal) ? a : b;
        var survivor = victim == a ? "node-b" : "node-a";
        victim.Kill();
        var killedAt = DateTime.UtcNow;

        var after = await Eventually.HoldsAsync(() => FiringsAsync(db.ConnectionString),
            f => f.Count(x => x.ScheduledFor > killedAt.AddSeconds(2) && x.Server.Contains(survivor, StringComparison.Ordinal)) >= 3,
            TimeSpan.FromSeconds(120), $"purchased-ozone to keep firing on {survivor} after the other instance was killed");
        Assert.All(after.Where(f => f.ScheduledFor > killedAt.AddSeconds(2)), f => Assert.Contains(survivor, f.Server, StringComparison.Ordinal));
        Assert.All(after.GroupBy(f => f.ScheduledFor), firing => Assert.Single(firing));
    }

    [Fact]
    public async Task An_instance_starts_while_a_killed_one_still_holds_Hangfires_lock_on_a_recurring_job_and_declares_it_later()
    {
        await using var db = await TestDatabase.CreateAsync("jobs_lock_left");
        var (a, _) = await ServiceProcess.StartAsync("jobs-a", JobsEnvironment(db, "node-a"));
        await using (a)
        {
            await Eventually.HoldsAsync(() => FiringsAsync(db.ConnectionString), f => f.Count >= 1, TimeSpan.FromSeconds(120), "a first firing");
            a.Kill();
        }
        // What a process killed while declaring leaves behind: Hangfire's lock row on the recurring job, fresh. It is kept
        // fresh until the new instance has said it will try later (a lock older than DistributedLockTimeout is taken over,
        // and a busy machine may take longer than that to start the instance).
        await using (var conn = new NpgsqlConnection(db.ConnectionString))
        {
            await conn.OpenAsync();
            await using var hold = new NpgsqlCommand(LockRow, conn);
            await hold.ExecuteNonQueryAsync();
        }
        using var holding = new CancellationTokenSource();
        var holder = HoldLockAsync(db.ConnectionString, holding.Token);

        var (b, _) = await ServiceProcess.StartAsync("jobs-b", JobsEnvironment(db, "node-b")); // used to end at start-up
        await using var bHandle = b;
        await Eventually.HoldsAsync(() => Task.FromResult(b.OutputTail.Contains("Could not declare the recurring jobs yet", StringComparison.Ordinal)),
            TimeSpan.FromMinutes(5), "the instance to say it will declare the recurring jobs later");
        Assert.False(b.HasExited);
        await holding.CancelAsync();
        await holder;
        await using (var conn = new NpgsqlConnection(db.ConnectionString))
        {
            await conn.OpenAsync();
            await using var release = new NpgsqlCommand("DELETE FROM hangfire.lock WHERE resource = 'hangfire:lock:recurring-job:purchased-ozone'", conn);
            await release.ExecuteNonQueryAsync();
        }
        await Eventually.HoldsAsync(() => Task.FromResult(b.OutputTail.Contains("Recurring jobs declared after", StringComparison.Ordinal)),
            TimeSpan.FromMinutes(3), "the recurring jobs to be declared once the lock is gone");
    }

    /// <summary>Hangfire's lock row on the purchased-Ozone recurring job, as just acquired.</summary>
    private const string LockRow = """
        INSERT INTO hangfire.lock (resource, updatecount, acquired) VALUES ('hangfire:lock:recurring-job:purchased-ozone', 0, now() AT TIME ZONE 'UTC')
        ON CONFLICT (resource) DO UPDATE SET acquired = excluded.acquired
        """;

    /// <summary>Writes <see cref="LockRow"/> again every 5 s until <paramref name="ct"/>.</summary>
    private static async Task HoldLockAsync(string connectionString, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(CancellationToken.None);
        while (true)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(5), ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            await using var hold = new NpgsqlCommand(LockRow, conn);
            await hold.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task One_watcher_per_chain_and_another_instance_takes_over_when_it_dies()
    {
        await using var db = await TestDatabase.CreateAsync("watcher_lock");
        await using var chain = await AnvilNode.StartAsync(2048, "--block-time", "1");
        Dictionary<string, string?> Env(string instance)
        {
            var env = ServiceProcess.Environment(db.ConnectionString, "watchers", instance);
            env["Chains__stratos__ChainId"] = "2048";
            env["Chains__stratos__RpcUrl"] = chain.RpcUrl.ToString();
            env["Watchers__PollInterval"] = "00:00:00.200";
            env["Watchers__TakeoverInterval"] = "00:00:00.500";
            return env;
        }
        var (a, _) = await ServiceProcess.StartAsync("watch-a", Env("watch-a"));
        await using var aHandle = a;
        var (b, _) = await ServiceProcess.StartAsync("watch-b", Env("watch-b"));
        await using var bHandle = b;

        async Task<(string Instance, long Head)> HeadAsync()
        {
            await using var conn = new NpgsqlConnection(db.ConnectionString);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT watcher_instance, head FROM chain_heads WHERE chain = 'stratos'", conn);
            await using var r = await cmd.ExecuteReaderAsync();
            return await r.ReadAsync() ? (r.GetString(0), r.GetInt64(1)) : ("", -1);
        }

        var first = await Eventually.HoldsAsync(HeadAsync, h => h.Head >= 0, TimeSpan.FromSeconds(120), "a watcher to record the head");
        var holders = new HashSet<string>();
        for (var i = 0; i < 10; i++)
        {
            holders.Add((await HeadAsync()).Instance);
            await Task.Delay(200);
        }
        Assert.Equal([first.Instance], holders);

        (first.Instance == "watch-a" ? a : b).Kill();
        var other = first.Instance == "watch-a" ? "watch-b" : "watch-a";
        var takeover = await Eventually.HoldsAsync(HeadAsync, h => h.Instance == other, TimeSpan.FromSeconds(60),
            $"{other} to take over the stratos watcher");
        var later = await Eventually.HoldsAsync(HeadAsync, h => h.Head > takeover.Head, TimeSpan.FromSeconds(60),
            "the new watcher to follow the head");
        Assert.Equal(other, later.Instance);
    }
}
