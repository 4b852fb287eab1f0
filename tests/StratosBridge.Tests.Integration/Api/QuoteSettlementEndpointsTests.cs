using System.Net;
using System.Text.Json.Nodes;
using StratosBridge.Chains.Stratos;
using static StratosBridge.Tests.Integration.Api.PaymentSeed;
using static StratosBridge.Tests.Integration.Api.Wallets;

namespace StratosBridge.Tests.Integration.Api;

/// <summary><c>GET /v1/quotes/{id}</c>'s <c>settlement</c>: the payments seen for a quote, their outcomes and credits, and the one-word state.</summary>
public sealed class QuoteSettlementEndpointsTests
{
    private static readonly DateTimeOffset SeenAt = DateTimeOffset.Parse("2026-03-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly DateTimeOffset PaidAt = DateTimeOffset.UtcNow.AddMinutes(-1);

    private static async Task<JsonNode> QuoteAsync(InProcessApi api, string id)
    {
        var (status, _, body, raw) = await api.GetAsync($"/v1/quotes/{id}");
        Assert.True(status == HttpStatusCode.OK, $"GET quote {id}: {status} {raw}");
        return body;
    }

    private static string State(JsonNode quote) => quote["settlement"]!["state"]!.GetValue<string>();

    private static JsonNode OnlyPayment(JsonNode quote) => Assert.Single(quote["settlement"]!["payments"]!.AsArray())!;

    private static string? Text(JsonNode? node) => node?.GetValue<string>();

    private static long? Number(JsonNode? node) => node?.GetValue<long>();

    [Fact]
    public async Task A_quote_with_no_payment_awaits_payment_until_its_rates_expire()
    {
        await using var api = await InProcessApi.StartAsync("api_settle_none", ApiChains.Settings);
        var quote = await api.Payments.QuoteAsync(Alice);

        var open = await QuoteAsync(api, quote.Id);
        await api.Payments.AgeQuoteAsync(quote.Id, TimeSpan.FromMinutes(16));
        var expired = await QuoteAsync(api, quote.Id);

        Assert.Equal("open", Text(open["status"]));
        Assert.Equal("awaiting-payment", State(open));
        Assert.Empty(open["settlement"]!["payments"]!.AsArray());
        Assert.Equal("expired", Text(expired["status"]));
        Assert.Equal("expired", State(expired));
        Assert.Empty(expired["settlement"]!["payments"]!.AsArray());
    }

    [Fact]
    public async Task A_payment_is_pending_with_confirmations_and_eta_then_crediting_through_a_retry_then_credited_with_the_Ozone_bought()
    {
        await using var api = await InProcessApi.StartAsync("api_settle_life", ApiChains.Settings);
        var quote = await api.Payments.QuoteAsync(Alice);
        var tx = TxHash(0xa1);
        await api.Seed.HeadAsync("ethereum", head: 1000, finalized: 968, "watcher-a", SeenAt);
        var paymentId = await api.Payments.PaidAsync("ethereum", tx, 990, quote.Id, payer: Bob, beneficiary: Alice, OneOzEthDue, PaidAt);

        var pendingQuote = await QuoteAsync(api, quote.Id);
        var pending = OnlyPayment(pendingQuote);

        Assert.Equal("payment-pending-finality", State(pendingQuote));
        Assert.Equal(paymentId, Number(pending["id"]));
        Assert.Equal(quote.Id, Text(pending["quoteId"]));
        Assert.Equal("ethereum", Text(pending["chain"]));
        Assert.Equal(tx, Text(pending["txHash"]));
        Assert.Equal(Bob, Text(pending["payer"]));
        Assert.Equal(Alice, Text(pending["beneficiary"]!["hex"]));
        Assert.Equal(StratosAddress.Parse(Alice).Bech32, Text(pending["beneficiary"]!["bech32"]));
        Assert.Equal("ETH", Text(pending["asset"]));
        Assert.Equal("84166666668", Text(pending["amount"]!["baseUnits"]));
        Assert.Equal("wei", Text(pending["amount"]!["unit"]));
        Assert.Equal(18, Number(pending["amount"]!["decimals"]));
        Assert.Equal("0.000000084166666668", Text(pending["amount"]!["value"]));
        Assert.Equal(990, Number(pending["blockNumber"]));
        Assert.Equal(PaidAt.ToUnixTimeMilliseconds(), pending["paidAt"]!.GetValue<DateTimeOffset>().ToUnixTimeMilliseconds());
        Assert.Equal("pending", Text(pending["status"]));
        // finalized tag: head 1000, finalized 968 → a block needs 33 confirmations; block 990 has 11; 22 to go at 12 s.
        Assert.Equal(11, Number(pending["confirmations"]!["current"]));
        Assert.Equal(33, Number(pending["confirmations"]!["needed"]));
        Assert.Equal("finalized-tag", Text(pending["confirmations"]!["finality"]));
        Assert.Equal(SeenAt + TimeSpan.FromSeconds(22 * 12), pending["eta"]!.GetValue<DateTimeOffset>());
        Assert.Null(pending["outcome"]);
        Assert.Equal("seen in block 990", Text(pending["note"]));
        Assert.Null(pending["credit"]);

        await api.Seed.HeadAsync("ethereum", head: 1040, finalized: 992, "watcher-a", SeenAt.AddMinutes(8));
        await api.Payments.FinalAsync("ethereum", tx, finalizedBlock: 992);
        var finalQuote = await QuoteAsync(api, quote.Id);
        var final = OnlyPayment(finalQuote);

        Assert.Equal("crediting", State(finalQuote));
        Assert.Equal("final", Text(final["status"]));
        Assert.Equal(51, Number(final["confirmations"]!["current"]));
        Assert.Equal(49, Number(final["confirmations"]!["needed"]));
        Assert.Null(final["eta"]);
        Assert.Null(final["outcome"]);
        Assert.Equal("final: block at or below 992", Text(final["note"]));

        var (_, decision) = await api.Payments.MatchAsync();
        var creditId = await api.Payments.CreditIdAsync(paymentId);
        var matchedQuote = await QuoteAsync(api, quote.Id);
        var matched = OnlyPayment(matchedQuote);
        var ready = matched["credit"]!;

        Assert.Equal("crediting", State(matchedQuote));
        Assert.Equal("matched", Text(matched["status"]));
        Assert.Equal("paid", Text(matched["outcome"]));
        Assert.Equal(decision.Note, Text(matched["note"]));
        Assert.Equal(creditId, Number(ready["id"]));
        Assert.Equal("ready", Text(ready["status"]));
        Assert.Null(ready["txHash"]);
        Assert.Null(ready["blockNumber"]);
        Assert.Equal(OneOzStosWei.ToString(), Text(ready["stosWei"]));
        Assert.Equal("1000000000", Text(ready["quotedNoz"]));
        Assert.Equal("1", Text(ready["quotedOz"]));
        Assert.Null(ready["purchasedNoz"]);
        Assert.Null(ready["purchasedOz"]);
        Assert.Null(ready["completedAt"]);
        Assert.Null(ready["lastError"]);

        var first = await api.Payments.SubmittedAsync(creditId, TxHash(0xb1));
        var submitted = OnlyPayment(await QuoteAsync(api, quote.Id))["credit"]!;
        await api.Payments.RevertedAsync(first, 500, "execution reverted: prepay refused");
        var retryingQuote = await QuoteAsync(api, quote.Id);
        var retrying = OnlyPayment(retryingQuote)["credit"]!;
        var second = await api.Payments.SubmittedAsync(creditId, TxHash(0xb2));
        var resubmitted = OnlyPayment(await QuoteAsync(api, quote.Id))["credit"]!;

        Assert.Equal("submitted", Text(submitted["status"]));
        Assert.Equal(TxHash(0xb1), Text(submitted["txHash"]));
        Assert.Equal("crediting", State(retryingQuote));
        Assert.Equal("ready", Text(retrying["status"]));
        Assert.Null(retrying["txHash"]);
        Assert.Equal("execution reverted: prepay refused", Text(retrying["lastError"]));
        Assert.Equal("submitted", Text(resubmitted["status"]));
        Assert.Equal(TxHash(0xb2), Text(resubmitted["txHash"]));
        Assert.Null(resubmitted["lastError"]);

        await api.Payments.CompletedAsync(second, block: 777, purchasedNoz: 1_000_000_123);
        var creditedQuote = await QuoteAsync(api, quote.Id);
        var completed = OnlyPayment(creditedQuote)["credit"]!;

        Assert.Equal("credited", State(creditedQuote));
        Assert.Equal("completed", Text(completed["status"]));
        Assert.Equal(TxHash(0xb2), Text(completed["txHash"]));
        Assert.Equal(777, Number(completed["blockNumber"]));
        Assert.Equal(OneOzStosWei.ToString(), Text(completed["stosWei"]));
        Assert.Equal("1000000123", Text(completed["purchasedNoz"]));
        Assert.Equal("1.000000123", Text(completed["purchasedOz"]));
        Assert.True(completed["completedAt"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Null(completed["lastError"]);
    }

    [Fact]
    public async Task A_second_payment_of_a_credited_quote_is_an_unmatched_duplicate_and_the_quote_stays_credited()
    {
        await using var api = await InProcessApi.StartAsync("api_settle_duplicate", ApiChains.Settings);
        var quote = await api.Payments.QuoteAsync(Alice);
        await api.Payments.PaidAsync("ethereum", TxHash(1), 100, quote.Id, Bob, Alice, OneOzEthDue, PaidAt);
        var credit = await api.Payments.MatchedAsync("ethereum", TxHash(1), 100);
        await api.Payments.CompletedAsync(await api.Payments.SubmittedAsync(credit, TxHash(0xc1)), 50, purchasedNoz: null);
        await api.Payments.PaidAsync("ethereum", TxHash(2), 101, quote.Id, Carol, Alice, OneOzEthDue, PaidAt);
        await api.Payments.FinalAsync("ethereum", TxHash(2), 101);
        await api.Payments.MatchAsync();

        var body = await QuoteAsync(api, quote.Id);
        var payments = body["settlement"]!["payments"]!.AsArray();

        Assert.Equal("credited", State(body));
        Assert.Equal(2, payments.Count);
        Assert.Equal(TxHash(1), Text(payments[0]!["txHash"]));
        Assert.Equal("matched", Text(payments[0]!["status"]));
        Assert.Equal("completed", Text(payments[0]!["credit"]!["status"]));
        Assert.Null(payments[0]!["credit"]!["purchasedNoz"]); // not read from the chain yet
        Assert.Null(payments[0]!["credit"]!["purchasedOz"]);
        Assert.Equal(TxHash(2), Text(payments[1]!["txHash"]));
        Assert.Equal(Carol, Text(payments[1]!["payer"]));
        Assert.Equal("unmatched", Text(payments[1]!["status"]));
        Assert.Equal("duplicate", Text(payments[1]!["outcome"]));
        Assert.Equal($"the quote was already paid by {TxHash(1)} on ethereum; nothing credited automatically", Text(payments[1]!["note"]));
        Assert.Null(payments[1]!["credit"]);
    }

    [Fact]
    public async Task An_orphaned_payment_counts_as_not_seen_and_one_for_another_beneficiary_leaves_the_quote_unmatched()
    {
        await using var api = await InProcessApi.StartAsync("api_settle_unmatched", ApiChains.Settings);
        await api.Seed.HeadAsync("ethereum", head: 1000, finalized: 968, "watcher-a", SeenAt);
        var quote = await api.Payments.QuoteAsync(Alice);
        await api.Payments.PaidAsync("ethereum", TxHash(1), 995, quote.Id, Bob, Alice, OneOzEthDue, PaidAt);
        await api.Payments.OrphanAsync("ethereum", TxHash(1));

        var afterReorg = await QuoteAsync(api, quote.Id);

        Assert.Equal("awaiting-payment", State(afterReorg));
        var orphaned = OnlyPayment(afterReorg);
        Assert.Equal("orphaned", Text(orphaned["status"]));
        Assert.Null(orphaned["confirmations"]!["current"]);
        Assert.Equal(33, Number(orphaned["confirmations"]!["needed"]));
        Assert.Null(orphaned["eta"]);
        Assert.Equal("its block is not in the final chain", Text(orphaned["note"]));

        await api.Payments.PaidAsync("ethereum", TxHash(2), 996, quote.Id, Bob, beneficiary: Carol, OneOzEthDue, PaidAt);
        await api.Payments.FinalAsync("ethereum", TxHash(2), 996);
        await api.Payments.MatchAsync();
        var unmatched = await QuoteAsync(api, quote.Id);
        var wrong = unmatched["settlement"]!["payments"]!.AsArray()[1]!;

        Assert.Equal("unmatched", State(unmatched));
        Assert.Equal("unmatched", Text(wrong["status"]));
        Assert.Equal("wrong-beneficiary", Text(wrong["outcome"]));
        Assert.Equal(Carol, Text(wrong["beneficiary"]!["hex"]));
        Assert.EndsWith("nothing credited automatically", Text(wrong["note"]));
        Assert.Null(wrong["credit"]);
    }

    [Fact]
    public async Task A_payment_on_another_chain_is_unmatched_and_a_credit_refused_for_good_shows_credit_failed_with_the_reason()
    {
        await using var api = await InProcessApi.StartAsync("api_settle_failed", ApiChains.Settings);
        var quote = await api.Payments.QuoteAsync(Alice);
        await api.Payments.PaidAsync("bsc", TxHash(7), 300, quote.Id, Bob, Alice, OneOzEthDue, PaidAt);
        await api.Payments.FinalAsync("bsc", TxHash(7), 300);
        var (paymentId, _) = await api.Payments.MatchAsync();

        var wrongChain = await QuoteAsync(api, quote.Id);

        Assert.Equal("unmatched", State(wrongChain));
        Assert.Equal("wrong-chain", Text(OnlyPayment(wrongChain)["outcome"]));
        Assert.Equal("BNB", Text(OnlyPayment(wrongChain)["asset"]));

        var other = await api.Payments.QuoteAsync(Dave);
        await api.Payments.PaidAsync("ethereum", TxHash(8), 301, other.Id, Bob, Dave, OneOzEthDue, PaidAt);
        var credit = await api.Payments.MatchedAsync("ethereum", TxHash(8), 301);
        await api.Payments.FailedAsync(credit, "the beneficiary cannot receive Ozone");

        var failed = await QuoteAsync(api, other.Id);

        Assert.NotEqual(paymentId, Number(OnlyPayment(failed)["id"]));
        Assert.Equal("credit-failed", State(failed));
        Assert.Equal("failed", Text(OnlyPayment(failed)["credit"]!["status"]));
        Assert.Equal("the beneficiary cannot receive Ozone", Text(OnlyPayment(failed)["credit"]!["lastError"]));
    }
}
