using System.Net;
using System.Text.Json.Nodes;
using StratosBridge.Api.Quotes;
using static StratosBridge.Tests.Integration.Api.PaymentSeed;
using static StratosBridge.Tests.Integration.Api.Wallets;

namespace StratosBridge.Tests.Integration.Api;

/// <summary>The operators' view: <c>GET /v1/payments?status=…</c> (admin token required).</summary>
public sealed class PaymentEndpointsTests
{
    private static readonly DateTimeOffset SeenAt = DateTimeOffset.Parse("2026-03-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly DateTimeOffset PaidAt = DateTimeOffset.UtcNow.AddMinutes(-1);

    private static async Task<(List<JsonNode> Payments, string? Next)> PageAsync(InProcessApi api, string path)
    {
        var (status, _, body, raw) = await api.GetAsync(path, AdminSettings.Token);
        Assert.True(status == HttpStatusCode.OK, $"GET {path}: {status} {raw}");
        return (body["payments"]!.AsArray().Select(p => p!).ToList(), body["next"]?.GetValue<string>());
    }

    private static long Id(JsonNode payment) => payment["id"]!.GetValue<long>();

    [Fact]
    public async Task Payments_are_listed_by_status_newest_first_with_outcome_note_and_credit_and_paged()
    {
        await using var api = await InProcessApi.StartAsync("api_payments_by_status", AdminSettings.With(ApiChains.Settings));
        await api.Seed.HeadAsync("bsc", head: 500, finalized: null, "watcher-b", SeenAt);
        var quote = await api.Payments.QuoteAsync(Alice);
        var paid = await api.Payments.PaidAsync("ethereum", TxHash(1), 100, quote.Id, Bob, Alice, OneOzEthDue, PaidAt);
        var credit = await api.Payments.MatchedAsync("ethereum", TxHash(1), 100);
        var duplicate = await api.Payments.PaidAsync("ethereum", TxHash(2), 101, quote.Id, Carol, Alice, OneOzEthDue, PaidAt);
        await api.Payments.FinalAsync("ethereum", TxHash(2), 101);
        await api.Payments.MatchAsync();
        var nowhere = QuoteService.NewQuoteId();
        var unknown = await api.Payments.PaidAsync("ethereum", TxHash(3), 102, nowhere, Dave, Dave, 5, PaidAt);
        await api.Payments.FinalAsync("ethereum", TxHash(3), 102);
        await api.Payments.MatchAsync();
        var pending = await api.Payments.PaidAsync("bsc", TxHash(4), 499, quote.Id, Bob, Alice, 7, PaidAt);

        var first = await PageAsync(api, "/v1/payments?status=unmatched&limit=1");
        var second = await PageAsync(api, $"/v1/payments?status=unmatched&limit=1&before={first.Next}");
        var byDefault = await PageAsync(api, "/v1/payments");
        var matched = await PageAsync(api, "/v1/payments?status=matched");
        var pendingPage = await PageAsync(api, "/v1/payments?status=pending");
        var final = await PageAsync(api, "/v1/payments?status=final");
        var orphaned = await PageAsync(api, "/v1/payments?status=orphaned");

        Assert.Equal(unknown, Id(Assert.Single(first.Payments)));
        Assert.Equal(unknown.ToString(System.Globalization.CultureInfo.InvariantCulture), first.Next);
        Assert.Equal(duplicate, Id(Assert.Single(second.Payments)));
        Assert.Null(second.Next);
        Assert.Equal([unknown, duplicate], byDefault.Payments.Select(Id));
        Assert.Null(byDefault.Next);

        var unknownQuote = byDefault.Payments[0];
        Assert.Equal(nowhere, unknownQuote["quoteId"]!.GetValue<string>());
        Assert.Equal("unmatched", unknownQuote["status"]!.GetValue<string>());
        Assert.Equal("unknown-quote", unknownQuote["outcome"]!.GetValue<string>());
        Assert.Equal($"no quote {nowhere} exists; nothing credited automatically", unknownQuote["note"]!.GetValue<string>());
        Assert.Equal(Dave, unknownQuote["payer"]!.GetValue<string>());
        Assert.Equal("5", unknownQuote["amount"]!["baseUnits"]!.GetValue<string>());
        Assert.Equal("0.000000000000000005", unknownQuote["amount"]!["value"]!.GetValue<string>());
        Assert.Null(unknownQuote["credit"]);
        Assert.Equal("duplicate", byDefault.Payments[1]["outcome"]!.GetValue<string>());
        Assert.Equal(TxHash(2), byDefault.Payments[1]["txHash"]!.GetValue<string>());

        var matchedPayment = Assert.Single(matched.Payments);
        Assert.Equal(paid, Id(matchedPayment));
        Assert.Equal("paid", matchedPayment["outcome"]!.GetValue<string>());
        Assert.Equal(credit, matchedPayment["credit"]!["id"]!.GetValue<long>());
        Assert.Equal("ready", matchedPayment["credit"]!["status"]!.GetValue<string>());

        var pendingPayment = Assert.Single(pendingPage.Payments);
        Assert.Equal(pending, Id(pendingPayment));
        Assert.Equal("bsc", pendingPayment["chain"]!.GetValue<string>());
        Assert.Equal("BNB", pendingPayment["asset"]!.GetValue<string>());
        // bsc: 3 confirmations on top, so 4 needed; block 499 at head 500 has 2; 2 to go at 3 s.
        Assert.Equal(2, pendingPayment["confirmations"]!["current"]!.GetValue<long>());
        Assert.Equal(4, pendingPayment["confirmations"]!["needed"]!.GetValue<long>());
        Assert.Equal("confirmations", pendingPayment["confirmations"]!["finality"]!.GetValue<string>());
        Assert.Equal(SeenAt + TimeSpan.FromSeconds(6), pendingPayment["eta"]!.GetValue<DateTimeOffset>());
        Assert.Empty(final.Payments);
        Assert.Empty(orphaned.Payments);
    }
}
