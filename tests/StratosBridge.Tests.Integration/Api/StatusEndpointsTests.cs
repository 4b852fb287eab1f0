using System.Net;
using System.Text.Json.Nodes;
using System.Xml;
using StratosBridge.Api.Quotes;
using static StratosBridge.Tests.Integration.Api.PaymentSeed;
using static StratosBridge.Tests.Integration.Api.Wallets;

namespace StratosBridge.Tests.Integration.Api;

public sealed class StatusEndpointsTests
{
    private static readonly DateTimeOffset PaidAt = DateTimeOffset.UtcNow.AddMinutes(-1);

    private static async Task<JsonNode> PaymentsStatusAsync(InProcessApi api)
    {
        var (status, _, body, raw) = await api.GetAsync("/v1/status");
        Assert.True(status == HttpStatusCode.OK, $"GET /v1/status: {status} {raw}");
        return body["payments"]!;
    }

    [Fact]
    public async Task Status_counts_unmatched_payments_and_credits_not_yet_completed_with_the_oldest_ones_age()
    {
        await using var api = await InProcessApi.StartAsync("api_status_payments", ApiChains.Settings);
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
}
