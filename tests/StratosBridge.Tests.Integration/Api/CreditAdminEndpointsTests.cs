using System.Net;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using static StratosBridge.Tests.Integration.Api.PaymentSeed;
using static StratosBridge.Tests.Integration.Api.Wallets;

namespace StratosBridge.Tests.Integration.Api;

/// <summary>
/// An operator's retry of a credit is checked by the API (404, 409, 422) and, when it applies, enqueued as a job: 202 with
/// the job's id and dashboard page; the credit is unchanged until a jobs instance runs it (this host has the api role only).
/// </summary>
public sealed class CreditAdminEndpointsTests
{
    [Fact]
    public async Task A_retry_is_checked_then_enqueued_as_a_job_with_the_credit_id_and_the_decision_as_arguments()
    {
        await using var api = await InProcessApi.StartAsync("api_credit_retry", AdminSettings.With(ApiChains.Settings));
        var quote = await api.Payments.QuoteAsync(Alice);
        await api.Payments.PaidAsync("ethereum", TxHash(0x41), 100, quote.Id, Bob, Alice, OneOzEthDue, DateTimeOffset.UtcNow);
        var credit = await api.Payments.MatchedAsync("ethereum", TxHash(0x41), 100);
        const string Decision = """{"operator":"alice","reason":"checked the chain"}""";

        var missing = await api.SendAsync(HttpMethod.Post, "/v1/admin/credits/999999/retry", Decision, AdminSettings.Token);
        var anonymous = await api.SendAsync(HttpMethod.Post, $"/v1/admin/credits/{credit}/retry", Decision);
        var noReason = await api.SendAsync(HttpMethod.Post, $"/v1/admin/credits/{credit}/retry", """{"operator":"alice"}""", AdminSettings.Token);
        var ready = await api.SendAsync(HttpMethod.Post, $"/v1/admin/credits/{credit}/retry", Decision, AdminSettings.Token);
        await api.Payments.FailedAsync(credit, "a permanent refusal, for the test");
        var accepted = await api.SendAsync(HttpMethod.Post, $"/v1/admin/credits/{credit}/retry", Decision, AdminSettings.Token);

        Assert.Equal((HttpStatusCode.NotFound, "credit-not-found"), (missing.Status, missing.Code));
        Assert.Equal((HttpStatusCode.Unauthorized, "admin-token-required"), (anonymous.Status, anonymous.Code));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "invalid-credit-action"), (noReason.Status, noReason.Code));
        Assert.Equal((HttpStatusCode.Conflict, "credit-state"), (ready.Status, ready.Code)); // a ready credit is not retried by hand
        Assert.True(accepted.Status == HttpStatusCode.Accepted, $"retry of a failed credit: {accepted.Status} {accepted.Raw}");
        var jobId = accepted.Json["jobId"]!.GetValue<string>();
        var decision = accepted.Json["decision"]!.GetValue<string>();
        Assert.Equal($"/ops/jobs/jobs/details/{jobId}", accepted.Location?.ToString());
        Assert.Equal($"/ops/jobs/jobs/details/{jobId}", accepted.Json["job"]!.GetValue<string>());
        Assert.Equal("failed", accepted.Json["subject"]!["status"]!.GetValue<string>());
        Assert.StartsWith("dec_", decision, StringComparison.Ordinal);

        using var connection = api.Services.GetRequiredService<JobStorage>().GetConnection();
        var job = connection.GetJobData(jobId);
        Assert.Equal("Enqueued", job.State);
        Assert.Equal("RetryCreditAsync", job.Job.Method.Name);
        Assert.Equal([credit, decision, "operator:alice", "checked the chain", CancellationToken.None], job.Job.Args);
    }
}
