using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Stripe;
using Stripe.Checkout;
using StratosBridge.Core.Pauses;
using StratosBridge.Fiat.Checkout;
using StratosBridge.Fiat.StripeApi;
using StratosBridge.TestKit.Stripe;

namespace StratosBridge.Tests.Integration.Fiat;

/// <summary>
/// What reconciliation reads of Stripe: our paid Checkout Sessions, listed through Stripe.net page by page from the fake's
/// <c>GET /v1/checkout/sessions</c> (Stripe's list object, newest first, <c>starting_after</c> cursors).
/// </summary>
public sealed class StripePaidCheckoutsTests
{
    /// <summary>Stripe.net as the service sets it up (<c>AddStripe</c>), pointed at <paramref name="fake"/>.</summary>
    private static ServiceProvider Stripe(StripeFake fake, Dictionary<string, string?>? settings = null) =>
        new ServiceCollection()
            .AddStripe(new ConfigurationBuilder().AddInMemoryCollection(fake.Configuration()).AddInMemoryCollection(settings ?? []).Build())
            .BuildServiceProvider();

    private static async Task<string> CreateAsync(SessionService sessions, string quote, long cents, bool ours = true)
    {
        var metadata = ours
            ? new Dictionary<string, string> { [CardCheckout.QuoteKey] = quote, [CardCheckout.AccountKey] = "7", [CardCheckout.WalletKey] = "0xabc" }
            : new Dictionary<string, string> { ["order"] = quote };
        var session = await sessions.CreateAsync(new SessionCreateOptions
        {
            Mode = "payment",
            LineItems = [new SessionLineItemOptions { PriceData = new SessionLineItemPriceDataOptions
                { Currency = "usd", UnitAmount = cents, ProductData = new SessionLineItemPriceDataProductDataOptions { Name = "Ozone pack" } }, Quantity = 1 }],
            SuccessUrl = "https://business.example/ok", Metadata = metadata, ExpiresAt = DateTime.UtcNow.AddHours(1),
        }, new RequestOptions { IdempotencyKey = $"create-{quote}" });
        return session.Id;
    }

    [Fact]
    public async Task Our_paid_sessions_are_listed_across_pages_and_unpaid_open_expired_and_foreign_ones_are_not()
    {
        await using var fake = await StripeFake.StartAsync();
        await using var services = Stripe(fake);
        var sessions = services.GetRequiredService<SessionService>();
        var paid = new Dictionary<string, long>();
        for (var i = 0; i < 7; i++)
        {
            var id = await CreateAsync(sessions, $"paid-{i}", 100 + i);
            fake.CompleteSession(id);
            paid[id] = 100 + i;
        }
        var refunded = await CreateAsync(sessions, "refunded", 900); // a refund leaves the session paid
        fake.CompleteSession(refunded);
        fake.RefundCharge(refunded);
        paid[refunded] = 900;
        fake.CompleteSession(await CreateAsync(sessions, "async-unpaid", 300), paid: false);
        fake.ExpireSession(await CreateAsync(sessions, "expired", 400));
        await CreateAsync(sessions, "open", 500);
        fake.CompleteSession(await CreateAsync(sessions, "foreign", 600, ours: false));

        IPaidCheckouts reader = new StripePaidCheckouts(sessions, pageSize: 3);
        var listed = await reader.PaidAsync(CancellationToken.None);

        Assert.Equal(paid.OrderBy(p => p.Key), listed.OrderBy(p => p.Key));
        var lists = fake.Requests.Where(r => r is { Method: "GET", Path: "/v1/checkout/sessions" }).ToList();
        Assert.Equal(4, lists.Count); // 10 complete sessions, 3 a page
        Assert.All(lists, r => Assert.Contains(new KeyValuePair<string, string>("status", "complete"), r.Query));
        Assert.DoesNotContain(lists[0].Query, p => p.Key == "starting_after");
        Assert.All(lists.Skip(1), r => Assert.Contains(r.Query, p => p.Key == "starting_after"));
    }

    [Fact]
    public async Task The_list_is_newest_first_with_has_more_and_both_cursors_as_stripe_pages_it()
    {
        await using var fake = await StripeFake.StartAsync();
        await using var services = Stripe(fake);
        var sessions = services.GetRequiredService<SessionService>();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await CreateAsync(sessions, $"s-{i}", 100));
        }
        var newestFirst = Enumerable.Reverse(ids).ToList();

        var first = await sessions.ListAsync(new SessionListOptions { Limit = 2 });
        Assert.Equal(newestFirst[..2], first.Data.Select(s => s.Id));
        Assert.True(first.HasMore);
        Assert.Equal("/v1/checkout/sessions", first.Url);
        var last = await sessions.ListAsync(new SessionListOptions { Limit = 2, StartingAfter = newestFirst[3] });
        Assert.Equal([newestFirst[4]], last.Data.Select(s => s.Id));
        Assert.False(last.HasMore);
        var back = await sessions.ListAsync(new SessionListOptions { Limit = 2, EndingBefore = newestFirst[4] });
        Assert.Equal(newestFirst[2..4], back.Data.Select(s => s.Id));
        Assert.True(back.HasMore);
        var refused = await Assert.ThrowsAsync<StripeException>(() => sessions.ListAsync(new SessionListOptions { Limit = 101 }));
        Assert.Equal(("invalid_request_error", "limit"), (refused.StripeError.Type, refused.StripeError.Param));
        var missing = await Assert.ThrowsAsync<StripeException>(() => sessions.ListAsync(new SessionListOptions { StartingAfter = "cs_test_nope" }));
        Assert.Equal("resource_missing", missing.StripeError.Code);
    }

    [Fact]
    public async Task Stripe_unreachable_is_the_card_processor_unavailable()
    {
        await using var fake = await StripeFake.StartAsync();
        await using var services = Stripe(fake, new Dictionary<string, string?> { ["Stripe:MaxAttempts"] = "1" });
        fake.FailNext(1);
        var reader = new StripePaidCheckouts(services.GetRequiredService<SessionService>());
        await Assert.ThrowsAsync<CardProcessorUnavailableException>(() => reader.PaidAsync(CancellationToken.None));
    }
}
