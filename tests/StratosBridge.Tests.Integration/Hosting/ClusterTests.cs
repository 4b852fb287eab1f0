using Npgsql;
using StratosBridge.TestKit;
using StratosBridge.TestKit.Anvil;
using StratosBridge.TestKit.Postgres;

namespace StratosBridge.Tests.Integration.Hosting;

/// <summary>Several instances against one database: clustered Quartz jobs and one watcher per chain, with fail-over.</summary>
public sealed class ClusterTests
{
    private sealed record Run(string Instance, DateTime? ScheduledFor, DateTime Started, DateTime Finished);

    private static async Task<List<Run>> RunsAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT instance_id, scheduled_for, started_at, finished_at FROM job_runs WHERE job = 'stuck-transfer-sweeper' ORDER BY started_at", conn);
        await using var r = await cmd.ExecuteReaderAsync();
        var runs = new List<Run>();
        while (await r.ReadAsync())
        {
            runs.Add(new Run(r.GetString(0), r.IsDBNull(1) ? null : r.GetDateTime(1), r.GetDateTime(2), r.GetDateTime(3)));
        }
        return runs;
    }

    private static Dictionary<string, string?> JobsEnvironment(TestDatabase db, string instance)
    {
        var env = ServiceProcess.Environment(db.ConnectionString, "jobs", instance);
        env["Jobs__SweepInterval"] = "00:00:01";
        env["Jobs__ClusterCheckinInterval"] = "00:00:02";
        env["Jobs__IdleWait"] = "00:00:01";
        return env;
    }

    [Fact]
    public async Task The_recurring_job_runs_on_one_instance_at_a_time_and_survives_a_killed_instance()
    {
        await using var db = await TestDatabase.CreateAsync("quartz_cluster");
        var (a, _) = await ServiceProcess.StartAsync("jobs-a", JobsEnvironment(db, "node-a"));
        await using var aHandle = a;
        var (b, _) = await ServiceProcess.StartAsync("jobs-b", JobsEnvironment(db, "node-b"));
        await using var bHandle = b;

        var before = await Eventually.HoldsAsync(() => RunsAsync(db.ConnectionString), runs => runs.Count >= 8,
            TimeSpan.FromSeconds(120), "eight sweeper runs across the cluster");

        // One firing, one run (on one instance), and runs never overlap.
        Assert.All(before, r => Assert.NotNull(r.ScheduledFor));
        Assert.All(before.GroupBy(r => r.ScheduledFor), firing => Assert.Single(firing));
        foreach (var (prev, next) in before.Zip(before.Skip(1)))
        {
            Assert.True(next.Started >= prev.Finished, $"runs overlap: {prev} and {next}");
        }

        var victim = before[^1].Instance == "node-a" ? a : b;
        var survivor = victim == a ? "node-b" : "node-a";
        victim.Kill();
        var killedAt = DateTime.UtcNow;

        var after = await Eventually.HoldsAsync(() => RunsAsync(db.ConnectionString),
            runs => runs.Count(r => r.Started > killedAt && r.Instance == survivor) >= 3,
            TimeSpan.FromSeconds(120), $"the sweeper to keep running on {survivor} after the other instance was killed");
        // Quartz declares a member dead after its check-in interval (2 s here) plus a fixed 7.5 s grace; then the survivor
        // recovers the dead member's acquired trigger. How long that takes depends on the machine: only that it happens is checked.
        Assert.All(after.Where(r => r.Started > killedAt.AddSeconds(1)), r => Assert.Equal(survivor, r.Instance));
        Assert.All(after.GroupBy(r => r.ScheduledFor), firing => Assert.Single(firing));
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
