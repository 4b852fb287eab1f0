using System.Net;
using System.Text.Json.Nodes;
using System.Xml;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using StratosBridge.Api.Quotes;
using static StratosBridge.Tests.Integration.Api.PaymentSeed;
using static StratosBridge.Tests.Integration.Api.Wallets;

namespace StratosBridge.Tests.Integration.Api;

public sealed class StatusEndpointsTests
{
    private static readonly DateTimeOffset PaidAt = DateTimeOffset.UtcNow.AddMinutes(-1);

    private static async Task<JsonNode> PaymentsStatusAsync(InProcessApi api)
    {
        var (status, _, body, raw) = await api.GetAsync("/v1/status", AdminSettings.Token);
        Assert.True(status == HttpStatusCode.OK, $"GET /v1/status: {status} {raw}");
        return body["payments"]!;
    }

    [Fact]
    public async Task Status_counts_unmatched_payments_and_credits_not_yet_completed_with_the_oldest_ones_age()
    {
        await using var api = await InProcessApi.StartAsync("api_status_payments", AdminSettings.With(ApiChains.Settings));
        var empty = await PaymentsStatusAsync(api);

        var n = 0;
        async Task<long> CreditAsync()
        {
            n++;
            var quote = await api.Payments.QuoteAsync(Alice);
            await api.Payments.PaidAsync("ethereum", TxHash(n), 100 + n, quote.Id, Bob, Alice, OneOzEthDue, PaidAt);
            return await api.Payments.MatchedAsync("ethereum", TxHash(n), 100 + n);
        }
        await api.Payments.CompletedAsync(await api.Payments.SubmittedAsync(await CreditAsync(), TxHash(0xe1)), 10, 1_000_000_000);
        await api.Payments.FailedAsync(await CreditAsync(), "refused");
        var submitted = await CreditAsync();
        await api.Payments.SubmittedAsync(submitted, TxHash(0xe2));
        await api.Payments.AgeCreditAsync(submitted, TimeSpan.FromHours(2));
        var ready = await CreditAsync();
        await api.Payments.AgeCreditAsync(ready, TimeSpan.FromMinutes(5));
        await api.Payments.PaidAsync("ethereum", TxHash(0x99), 200, QuoteService.NewQuoteId(), Bob, Alice, 1, PaidAt);
        await api.Payments.FinalAsync("ethereum", TxHash(0x99), 200);
        await api.Payments.MatchAsync();

        var busy = await PaymentsStatusAsync(api);

        Assert.Equal(0, empty["unmatchedPayments"]!.GetValue<long>());
        Assert.Equal(0, empty["openCredits"]!.GetValue<long>());
        Assert.Null(empty["oldestOpenCreditSince"]);
        Assert.Null(empty["oldestOpenCreditAge"]);
        Assert.Equal(0, empty["failedCredits"]!.GetValue<long>());

        Assert.Equal(1, busy["unmatchedPayments"]!.GetValue<long>());
        Assert.Equal(2, busy["openCredits"]!.GetValue<long>());
        Assert.Equal(1, busy["failedCredits"]!.GetValue<long>());
        var age = XmlConvert.ToTimeSpan(busy["oldestOpenCreditAge"]!.GetValue<string>());
        Assert.InRange(age, TimeSpan.FromHours(2), TimeSpan.FromHours(2) + TimeSpan.FromMinutes(10)); // seeded 2 h back, read a little later
        Assert.Equal(TimeSpan.Zero, TimeSpan.FromTicks(age.Ticks % TimeSpan.TicksPerSecond));
        var since = busy["oldestOpenCreditSince"]!.GetValue<DateTimeOffset>();
        Assert.InRange(since, DateTimeOffset.UtcNow.AddHours(-2).AddMinutes(-10), DateTimeOffset.UtcNow.AddHours(-2).AddMinutes(1));
    }

    private const string Instance = "watcher-node-7.internal";
    private const string RecurringJob = "reconcile";

    /// <summary>A ledger with what operators look at: heads (one stale), a recurring job (in Hangfire's storage), an unmatched payment.</summary>
    private static async Task SeedOperationsAsync(InProcessApi api)
    {
        await api.Seed.HeadAsync("ethereum", 1200, 1180, Instance, DateTimeOffset.UtcNow);
        await api.Seed.HeadAsync("bsc", 900, 897, Instance, DateTimeOffset.UtcNow.AddMinutes(-10));
        api.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate(RecurringJob, () => Console.WriteLine(RecurringJob), "0 3 * * *",
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        await api.Payments.PaidAsync("ethereum", TxHash(0x77), 300, QuoteService.NewQuoteId(), Bob, Alice, 1, PaidAt);
        await api.Payments.FinalAsync("ethereum", TxHash(0x77), 300);
        await api.Payments.MatchAsync();
    }

    [Fact]
    public async Task Anonymous_callers_see_which_chains_are_up_and_nothing_of_queues_jobs_errors_or_instances()
    {
        await using var api = await InProcessApi.StartAsync("api_status_public", AdminSettings.With(ApiChains.Settings));
        await SeedOperationsAsync(api);

        var (status, _, body, raw) = await api.GetAsync("/v1/status");

        Assert.True(status == HttpStatusCode.OK, $"GET /v1/status: {status} {raw}");
        Assert.Equal("degraded", body["status"]!.GetValue<string>());
        var chains = body["chains"]!.AsArray();
        Assert.Equal(["bsc", "ethereum"], chains.Select(c => c!["chain"]!.GetValue<string>()).ToArray());
        Assert.Equal("down", chains[0]!["status"]!.GetValue<string>());
        Assert.Equal("up", chains[1]!["status"]!.GetValue<string>());
        Assert.Equal(1200, chains[1]!["head"]!.GetValue<long>());
        Assert.Equal(1180, chains[1]!["finalized"]!.GetValue<long>());
        Assert.Equal(["chains", "pauses", "status"], body.AsObject().Select(p => p.Key).Order().ToArray());
        Assert.Empty(body["pauses"]!.AsArray()); // none in force (the pause tests show them)
        Assert.DoesNotContain(Instance, raw);
        Assert.DoesNotContain("reconcile", raw);
        Assert.DoesNotContain("unmatched", raw, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_admin_token_shows_the_operational_detail_and_another_credential_is_refused()
    {
        await using var api = await InProcessApi.StartAsync("api_status_admin", AdminSettings.With(ApiChains.Settings));
        await SeedOperationsAsync(api);

        var (status, _, body, raw) = await api.GetAsync("/v1/status", AdminSettings.Token);
        var wrong = await api.SendAsync(HttpMethod.Get, "/v1/status", bearer: "not-the-admin-token-but-long-enough-to-look-like-one");

        Assert.True(status == HttpStatusCode.OK, $"GET /v1/status as an operator: {status} {raw}");
        Assert.Equal(Instance, body["chains"]!.AsArray().First()!["watchedBy"]!.GetValue<string>());
        var jobs = body["jobs"]!;
        Assert.Equal("/ops/jobs", jobs["dashboard"]!.GetValue<string>());
        var recurring = Assert.Single(jobs["recurring"]!.AsArray());
        Assert.Equal(RecurringJob, recurring!["id"]!.GetValue<string>());
        Assert.Equal("0 3 * * *", recurring["cron"]!.GetValue<string>());
        Assert.Equal(DateTime.UtcNow.Date.AddHours(DateTime.UtcNow.Hour < 3 ? 3 : 27), recurring["nextExecution"]!.GetValue<DateTime>().ToUniversalTime());
        Assert.Equal(1, body["payments"]!["unmatchedPayments"]!.GetValue<long>());
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        Assert.Equal("invalid-admin-token", wrong.Code);
    }
}
