using System.Net;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StratosBridge.Core.Transfers;
using StratosBridge.Ledger.States;
using StratosBridge.Relayer.Jobs;
using static StratosBridge.Tests.Integration.Api.Wallets;

namespace StratosBridge.Tests.Integration.Api;

/// <summary>
/// Operators park a transfer waiting to be relayed and retry a failed one: checked by the API (404, 409, 422), enqueued as
/// a job (202), and the job (run here as a jobs instance would, from its stored arguments) changes the transfer once.
/// </summary>
public sealed class TransferAdminEndpointsTests
{
    /// <summary>Runs an enqueued job as a Hangfire worker would: its method on a job object from the host's services, with its stored arguments.</summary>
    private static async Task<string> RunAsync(InProcessApi api, string jobId)
    {
        using var connection = api.Services.GetRequiredService<JobStorage>().GetConnection();
        var job = connection.GetJobData(jobId).Job;
        Assert.Equal(typeof(OperatorDecisionJob), job.Type);
        var instance = ActivatorUtilities.CreateInstance<OperatorDecisionJob>(api.Services);
        var args = job.Args.Select(a => a is CancellationToken ? CancellationToken.None : a).ToArray();
        return await (Task<string>)job.Method.Invoke(instance, args)!;
    }

    private static async Task<(string Status, long ByOperator)> TransferAsync(InProcessApi api, long id)
    {
        await using var conn = new NpgsqlConnection(api.Database.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT status, (SELECT count(*) FROM timeline WHERE subject = 'transfer' AND subject_id = @id AND actor = 'operator:alice')
              FROM transfers WHERE id = @id
            """, conn);
        cmd.Parameters.AddWithValue("id", id);
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        return (r.GetString(0), r.GetInt64(1));
    }

    [Fact]
    public async Task A_transfer_is_parked_then_retried_each_by_a_job_that_changes_it_once()
    {
        await using var api = await InProcessApi.StartAsync("api_transfer_decisions", AdminSettings.With(ApiChains.Settings));
        var id = await api.Seed.LockAsync("ethereum", TxHash(0x51), 0, 900, Stored(Alice), Stored(Bob), 1);
        await api.Seed.MoveAsync(id, TransferStatus.Pending, TransferStatus.Finalized, new TransitionStep("watcher:test", "final"));
        const string Park = """{"operator":"alice","reason":"the recipient is under review"}""";
        const string Retry = """{"operator":"alice","reason":"review done"}""";

        var missing = await api.SendAsync(HttpMethod.Post, "/v1/admin/transfers/999999/park", Park, AdminSettings.Token);
        var anonymous = await api.SendAsync(HttpMethod.Post, $"/v1/admin/transfers/{id}/park", Park);
        var noReason = await api.SendAsync(HttpMethod.Post, $"/v1/admin/transfers/{id}/park", """{"operator":"alice"}""", AdminSettings.Token);
        var notFailed = await api.SendAsync(HttpMethod.Post, $"/v1/admin/transfers/{id}/retry", Retry, AdminSettings.Token);
        Assert.Equal((HttpStatusCode.NotFound, "transfer-not-found"), (missing.Status, missing.Code));
        Assert.Equal((HttpStatusCode.Unauthorized, "admin-token-required"), (anonymous.Status, anonymous.Code));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "invalid-transfer-action"), (noReason.Status, noReason.Code));
        Assert.Equal((HttpStatusCode.Conflict, "transfer-state"), (notFailed.Status, notFailed.Code));

        var parked = await api.SendAsync(HttpMethod.Post, $"/v1/admin/transfers/{id}/park", Park, AdminSettings.Token);
        Assert.True(parked.Status == HttpStatusCode.Accepted, $"park: {parked.Status} {parked.Raw}");
        Assert.Equal("finalized", parked.Json["subject"]!["status"]!.GetValue<string>()); // unchanged until the job runs
        var parkJob = parked.Json["jobId"]!.GetValue<string>();
        Assert.Contains("parked as failed", await RunAsync(api, parkJob));
        Assert.Equal(("failed", 1L), await TransferAsync(api, id));
        Assert.Contains("already carried out", await RunAsync(api, parkJob)); // the same job again changes nothing

        var retried = await api.SendAsync(HttpMethod.Post, $"/v1/admin/transfers/{id}/retry", Retry, AdminSettings.Token);
        Assert.True(retried.Status == HttpStatusCode.Accepted, $"retry: {retried.Status} {retried.Raw}");
        Assert.Contains("back to finalized", await RunAsync(api, retried.Json["jobId"]!.GetValue<string>()));
        Assert.Equal(("finalized", 2L), await TransferAsync(api, id));
        Assert.Contains("already carried out", await RunAsync(api, parkJob)); // an old decision never parks it again
        Assert.Equal(("finalized", 2L), await TransferAsync(api, id));
    }
}
