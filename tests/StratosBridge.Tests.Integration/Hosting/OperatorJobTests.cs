using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using StratosBridge.Ledger;
using StratosBridge.Tests.Integration.Api;
using StratosBridge.TestKit;
using StratosBridge.TestKit.Postgres;
using static StratosBridge.Tests.Integration.Api.PaymentSeed;
using static StratosBridge.Tests.Integration.Api.Wallets;

namespace StratosBridge.Tests.Integration.Hosting;

/// <summary>
/// Operators' actions run as Hangfire jobs on a cluster of real service processes (roles api and jobs) over one database:
/// enqueued on one instance, run once by whichever takes it; carried out once when the instance running it is killed; and a
/// decision carried out is never carried out again, even when its job is requeued from the dashboard.
/// </summary>
public sealed class OperatorJobTests
{
    private const string Operator = "alice";

    private static Dictionary<string, string?> Environment(TestDatabase db, string instance)
    {
        var env = ServiceProcess.Environment(db.ConnectionString, "api,jobs", instance);
        env["Admin__Tokens__0"] = AdminSettings.Token;
        env["Jobs__QueuePollInterval"] = "00:00:00.200";
        env["Jobs__InvisibilityTimeout"] = "00:00:05";
        return env;
    }

    /// <summary>A credit the worker parked as failed (the ledger's own stores put it there), ready for an operator's retry.</summary>
    private static async Task<long> FailedCreditAsync(TestDatabase db, byte tx)
    {
        await using var services = new ServiceCollection()
            .AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>))
            .AddLedger(db.ConnectionString)
            .BuildServiceProvider();
        var seed = new PaymentSeed(services);
        var quote = await seed.QuoteAsync(Alice);
        await seed.PaidAsync("ethereum", TxHash(tx), 100, quote.Id, Bob, Alice, OneOzEthDue, DateTimeOffset.UtcNow);
        var credit = await seed.MatchedAsync("ethereum", TxHash(tx), 100);
        await seed.FailedAsync(credit, "a permanent refusal, for the test");
        return credit;
    }

    private static async Task FailAgainAsync(TestDatabase db, long credit)
    {
        await using var services = new ServiceCollection()
            .AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>))
            .AddLedger(db.ConnectionString)
            .BuildServiceProvider();
        await new PaymentSeed(services).FailedAsync(credit, "failed again after the operator's retry");
    }

    private static HttpClient Admin(Uri url)
    {
        var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminSettings.Token);
        return http;
    }

    private static async Task<string> RetryAsync(Uri url, long credit)
    {
        using var http = Admin(url);
        using var response = await http.PostAsJsonAsync($"/v1/admin/credits/{credit}/retry", new { @operator = Operator, reason = "checked the chain" });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"retry: {response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        var jobId = json.RootElement.GetProperty("jobId").GetString()!;
        Assert.Equal($"/ops/jobs/jobs/details/{jobId}", response.Headers.Location?.ToString());
        return jobId;
    }

    private sealed record JobRuns(string State, IReadOnlyList<string> ProcessedBy, int Succeeded, string? Result);

    /// <summary>The job's current state, the servers of its Processing states in order, how often it succeeded, its last result.</summary>
    private static async Task<JobRuns> RunsAsync(TestDatabase db, string jobId)
    {
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT j.statename, s.name, s.data::text FROM hangfire.job j JOIN hangfire.state s ON s.jobid = j.id
             WHERE j.id = @id ORDER BY s.id
            """, conn);
        cmd.Parameters.AddWithValue("id", long.Parse(jobId, System.Globalization.CultureInfo.InvariantCulture));
        await using var r = await cmd.ExecuteReaderAsync();
        var state = "";
        var processedBy = new List<string>();
        var succeeded = 0;
        string? result = null;
        while (await r.ReadAsync())
        {
            state = r.GetString(0);
            using var data = JsonDocument.Parse(r.GetString(2));
            switch (r.GetString(1))
            {
                case "Processing":
                    processedBy.Add(data.RootElement.GetProperty("ServerId").GetString()!);
                    break;
                case "Succeeded":
                    succeeded++;
                    result = data.RootElement.TryGetProperty("Result", out var value) ? value.GetString() : null;
                    break;
            }
        }
        return new JobRuns(state, processedBy, succeeded, result);
    }

    private static async Task<(string Status, long ByOperator, long Decisions, long Applied)> LedgerAsync(TestDatabase db, long credit)
    {
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT (SELECT status FROM credits WHERE id = @id),
                   (SELECT count(*) FROM timeline WHERE subject = 'credit' AND subject_id = @id AND actor = @actor),
                   (SELECT count(*) FROM operator_decisions WHERE subject = 'credit' AND subject_id = @id),
                   (SELECT count(*) FROM operator_decisions WHERE subject = 'credit' AND subject_id = @id AND applied)
            """, conn);
        cmd.Parameters.AddWithValue("id", credit);
        cmd.Parameters.AddWithValue("actor", $"operator:{Operator}");
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        return (r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3));
    }

    [Fact]
    public async Task An_operator_job_enqueued_on_one_instance_runs_once_and_a_requeued_decision_changes_nothing_again()
    {
        await using var db = await TestDatabase.CreateAsync("operator_job_once");
        var (a, aUrl) = await ServiceProcess.StartAsync("ops-a", Environment(db, "ops-a"));
        await using var aHandle = a;
        var (b, _) = await ServiceProcess.StartAsync("ops-b", Environment(db, "ops-b"));
        await using var bHandle = b;
        var credit = await FailedCreditAsync(db, 0x31);

        var jobId = await RetryAsync(aUrl, credit);

        var done = await Eventually.HoldsAsync(() => RunsAsync(db, jobId), r => r.State == "Succeeded", TimeSpan.FromSeconds(60),
            $"job {jobId} to succeed");
        Assert.Single(done.ProcessedBy);
        Assert.Equal(1, done.Succeeded);
        Assert.Contains("back to ready", done.Result);
        Assert.Equal(("ready", 1L, 1L, 1L), await LedgerAsync(db, credit));

        // The credit fails again; requeueing the same job (the dashboard's "Requeue") must not retry it a second time:
        // that decision was carried out, and only a new decision of a person retries again.
        await FailAgainAsync(db, credit);
        using (var http = Admin(aUrl))
        using (var requeue = await http.PostAsync($"/ops/jobs/jobs/actions/requeue/{jobId}", null))
        {
            Assert.True(requeue.IsSuccessStatusCode, $"requeue from the dashboard: {requeue.StatusCode}");
        }
        var again = await Eventually.HoldsAsync(() => RunsAsync(db, jobId), r => r.Succeeded == 2, TimeSpan.FromSeconds(60),
            $"the requeued job {jobId} to run again");
        Assert.Equal(2, again.ProcessedBy.Count);
        Assert.Contains("already carried out", again.Result);
        Assert.Equal(("failed", 1L, 1L, 1L), await LedgerAsync(db, credit));
    }

    [Fact]
    public async Task An_operator_job_whose_instance_is_killed_is_carried_out_once_by_the_survivor()
    {
        await using var db = await TestDatabase.CreateAsync("operator_job_kill");
        var (a, aUrl) = await ServiceProcess.StartAsync("kill-a", Environment(db, "kill-a"));
        await using var aHandle = a;
        var (b, _) = await ServiceProcess.StartAsync("kill-b", Environment(db, "kill-b"));
        await using var bHandle = b;
        var credit = await FailedCreditAsync(db, 0x32);

        // Hold the credit's row, so that the job blocks inside its transaction on whichever instance takes it.
        await using var holder = new NpgsqlConnection(db.ConnectionString);
        await holder.OpenAsync();
        var hold = await holder.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM credits WHERE id = @id FOR UPDATE", holder, hold))
        {
            lockRow.Parameters.AddWithValue("id", credit);
            await lockRow.ExecuteNonQueryAsync();
        }

        var jobId = await RetryAsync(aUrl, credit);
        var running = await Eventually.HoldsAsync(() => RunsAsync(db, jobId), r => r.State == "Processing", TimeSpan.FromSeconds(60),
            $"job {jobId} to start");
        var server = Assert.Single(running.ProcessedBy);
        var victim = server.StartsWith("kill-a", StringComparison.Ordinal) ? a : b;
        var survivor = victim == a ? "kill-b" : "kill-a";
        victim.Kill();
        await hold.RollbackAsync();

        var done = await Eventually.HoldsAsync(() => RunsAsync(db, jobId), r => r.State == "Succeeded", TimeSpan.FromSeconds(120),
            $"{survivor} to take over job {jobId}");
        Assert.StartsWith(survivor, done.ProcessedBy[^1], StringComparison.Ordinal);
        Assert.Equal(1, done.Succeeded);
        Assert.Equal(("ready", 1L, 1L, 1L), await LedgerAsync(db, credit));
    }
}
