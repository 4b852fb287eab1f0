using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Stripe;
using Stripe.Checkout;
using StratosBridge.Fiat.StripeApi;
using StratosBridge.TestKit.Stripe;

namespace StratosBridge.Tests.Integration.Fiat;

/// <summary>Stripe.net as AddStripe sets it up (ApiBase, key, retries with our idempotency keys) against the local Stripe fake (one per test).</summary>
public sealed class StripeClientTests
{
    private static ServiceProvider Services(StripeFake fake, params (string Key, string Value)[] overrides)
    {
        var settings = fake.Configuration();
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }
        return new ServiceCollection()
            .AddStripe(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider(validateScopes: true);
    }

    private static SessionCreateOptions Checkout(string reference = "quote-1", DateTimeOffset? expiresAt = null) => new()
    {
        Mode = "payment",
        LineItems =
        [
            new SessionLineItemOptions
            {
                PriceData = new SessionLineItemPriceDataOptions
                {
                    Currency = "usd", UnitAmount = 2500,
                    ProductData = new SessionLineItemPriceDataProductDataOptions { Name = "Ozone pack 1000 OZ", Description = "1000 OZ for st1qy…" },
                },
                Quantity = 1,
            },
        ],
        SuccessUrl = "https://business.example/paid?session={CHECKOUT_SESSION_ID}",
        CancelUrl = "https://business.example/cancelled",
        ClientReferenceId = reference,
        Metadata = new Dictionary<string, string> { ["quote_id"] = reference, ["account_id"] = "7" },
        PaymentIntentData = new SessionPaymentIntentDataOptions { Metadata = new Dictionary<string, string> { ["quote_id"] = reference } },
        ExpiresAt = (expiresAt ?? DateTimeOffset.UtcNow.AddHours(1)).UtcDateTime,
        CustomerEmail = "ops@business.example",
    };

    private static RequestOptions Key(string key) => new() { IdempotencyKey = key };

    [Fact]
    public async Task A_created_session_is_retrieved_with_its_line_item_in_the_sdks_api_version()
    {
        await using var fake = await StripeFake.StartAsync();
        await using var services = Services(fake);
        var sessions = services.GetRequiredService<SessionService>();
        var expires = DateTimeOffset.UtcNow.AddHours(2);

        var created = await sessions.CreateAsync(Checkout(expiresAt: expires), Key("create-1"));
        var fetched = await sessions.GetAsync(created.Id, new SessionGetOptions { Expand = ["line_items"] });

        Assert.StartsWith("cs_test_", created.Id);
        Assert.Equal([created.Id], fake.SessionIds);
        foreach (var session in new[] { created, fetched })
        {
            Assert.Equal((created.Id, "open", "unpaid", 2500L, "usd", "quote-1"),
                (session.Id, session.Status, session.PaymentStatus, session.AmountTotal!.Value, session.Currency, session.ClientReferenceId));
            Assert.Equal(new Dictionary<string, string> { ["quote_id"] = "quote-1", ["account_id"] = "7" }, session.Metadata);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds()).UtcDateTime, session.ExpiresAt);
            Assert.Equal(("ops@business.example", null, false), (session.CustomerEmail, session.PaymentIntentId, session.Livemode));
            Assert.Equal(new Uri(fake.BaseUrl, $"c/pay/{created.Id}").ToString(), session.Url); // the fake's hosted checkout page
        }
        Assert.Null(created.LineItems);
        var item = Assert.Single(fetched.LineItems.Data);
        Assert.StartsWith("li_", item.Id);
        Assert.Equal(("Ozone pack 1000 OZ", 2500L, "usd", 1L), (item.Description, item.AmountTotal, item.Currency, item.Quantity!.Value));

        var (post, get) = (fake.Requests[0], fake.Requests[1]);
        Assert.Equal(2, fake.Requests.Count);
        Assert.Equal(("POST", "/v1/checkout/sessions", "create-1", "2026-10-28.endive"), (post.Method, post.Path, post.IdempotencyKey, post.StripeVersion));
        Assert.Contains(new KeyValuePair<string, string>("line_items[0][price_data][unit_amount]", "2500"), post.Form);
        Assert.Contains(new KeyValuePair<string, string>("payment_intent_data[metadata][quote_id]", "quote-1"), post.Form);
        Assert.Contains(new KeyValuePair<string, string>("expires_at", expires.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
            post.Form);
        Assert.Equal(("GET", $"/v1/checkout/sessions/{created.Id}", null, "2026-10-28.endive"), (get.Method, get.Path, get.IdempotencyKey, get.StripeVersion));
        Assert.Equal([new("expand[0]", "line_items")], get.Query);
    }

    [Fact]
    public async Task A_500_is_retried_with_our_idempotency_key_and_one_session_results()
    {
        await using var fake = await StripeFake.StartAsync();
        await using var services = Services(fake);
        fake.FailNext(1, 500);

        var created = await services.GetRequiredService<SessionService>().CreateAsync(Checkout(), Key("retry-500"));

        Assert.Equal(["retry-500", "retry-500"], fake.Requests.Select(r => r.IdempotencyKey));
        Assert.Equal(fake.Requests[0].Form, fake.Requests[1].Form);
        Assert.Equal([created.Id], fake.SessionIds);
    }

    [Fact]
    public async Task A_lost_answer_is_retried_with_the_same_key_and_stripe_replays_the_first_session()
    {
        await using var fake = await StripeFake.StartAsync();
        await using var services = Services(fake);
        fake.DropNext(1); // the first attempt creates the session, then the connection drops before the answer

        var created = await services.GetRequiredService<SessionService>().CreateAsync(Checkout(), Key("retry-drop"));

        Assert.Equal(["retry-drop", "retry-drop"], fake.Requests.Select(r => r.IdempotencyKey));
        Assert.Equal([created.Id], fake.SessionIds);
    }

    [Fact]
    public async Task A_400_is_a_stripe_exception_with_stripes_param_and_is_not_retried()
    {
        await using var fake = await StripeFake.StartAsync();
        await using var services = Services(fake);

        var e = await Assert.ThrowsAsync<StripeException>(() => services.GetRequiredService<SessionService>()
            .CreateAsync(Checkout(expiresAt: DateTimeOffset.UtcNow.AddMinutes(10)), Key("too-soon")));

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request_error", "expires_at", false),
            (e.HttpStatusCode, e.StripeError.Type, e.StripeError.Param, StripeFailures.IsTransient(e)));
        Assert.Contains("at least 30 minutes", e.Message);
        Assert.Single(fake.Requests);
        Assert.Empty(fake.SessionIds);
    }

    [Fact]
    public async Task A_key_reused_with_other_parameters_is_an_idempotency_error_and_with_the_same_ones_a_replay()
    {
        await using var fake = await StripeFake.StartAsync();
        await using var services = Services(fake);
        var sessions = services.GetRequiredService<SessionService>();

        var first = await sessions.CreateAsync(Checkout("quote-1"), Key("key-1"));
        var again = await sessions.CreateAsync(Checkout("quote-1"), Key("key-1"));
        var e = await Assert.ThrowsAsync<StripeException>(() => sessions.CreateAsync(Checkout("quote-2"), Key("key-1")));

        Assert.Equal(first.Id, again.Id);
        Assert.Equal((HttpStatusCode.BadRequest, "idempotency_error"), (e.HttpStatusCode, e.StripeError.Type));
        Assert.Equal([first.Id], fake.SessionIds);
        Assert.Equal(3, fake.Requests.Count);
    }

    [Fact]
    public async Task A_wrong_secret_key_is_a_401_and_is_not_retried()
    {
        await using var fake = await StripeFake.StartAsync();
        await using var services = Services(fake, ("Stripe:SecretKey", "sk_test_notTheFakesKey1234"));

        var e = await Assert.ThrowsAsync<StripeException>(() => services.GetRequiredService<SessionService>().GetAsync("cs_test_1"));

        // Stripe reports a bad key as an invalid_request_error with HTTP 401, and masks the key.
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_request_error", false), (e.HttpStatusCode, e.StripeError.Type, StripeFailures.IsTransient(e)));
        Assert.Contains("Invalid API Key provided: sk_test_**************1234", e.Message);
        Assert.Single(fake.Requests);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Repeated_503s_are_tried_max_attempts_times_with_one_key_then_thrown(int maxAttempts)
    {
        await using var fake = await StripeFake.StartAsync();
        await using var services = Services(fake, ("Stripe:MaxAttempts", maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var sessions = services.GetRequiredService<SessionService>();
        fake.FailNext(maxAttempts, 503);

        var e = await Assert.ThrowsAsync<StripeException>(() => sessions.CreateAsync(Checkout(), Key("unavailable")));

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "api_error", true), (e.HttpStatusCode, e.StripeError.Type, StripeFailures.IsTransient(e)));
        Assert.Equal(Enumerable.Repeat("unavailable", maxAttempts), fake.Requests.Select(r => r.IdempotencyKey));
        Assert.Empty(fake.SessionIds);

        // The job that owns the key runs again later, with the same key: one session.
        var created = await sessions.CreateAsync(Checkout(), Key("unavailable"));
        Assert.Equal([created.Id], fake.SessionIds);
    }

    [Fact]
    public async Task Refunds_are_created_by_payment_intent_and_produce_charge_refunded_events()
    {
        await using var fake = await StripeFake.StartAsync();
        await using var services = Services(fake);
        var sessions = services.GetRequiredService<SessionService>();
        var refunds = services.GetRequiredService<RefundService>();
        var events = services.GetRequiredService<EventService>();
        var created = await sessions.CreateAsync(Checkout(), Key("create"));
        fake.CompleteSession(created.Id);
        var paymentIntent = (await sessions.GetAsync(created.Id)).PaymentIntentId!;

        var part = await refunds.CreateAsync(new RefundCreateOptions
        {
            PaymentIntent = paymentIntent, Amount = 1000, Reason = "requested_by_customer", Metadata = new Dictionary<string, string> { ["case"] = "c-1" },
        }, Key("refund-1"));
        var rest = await refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = paymentIntent }, Key("refund-2"));
        var e = await Assert.ThrowsAsync<StripeException>(() => refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = paymentIntent }, Key("refund-3")));

        Assert.StartsWith("pi_", paymentIntent);
        Assert.StartsWith("re_", part.Id);
        Assert.StartsWith("ch_", part.ChargeId);
        Assert.Equal((1000L, "usd", paymentIntent, "succeeded"), (part.Amount, part.Currency, part.PaymentIntentId, part.Status));
        Assert.Equal((1500L, part.ChargeId), (rest.Amount, rest.ChargeId));
        Assert.Equal((HttpStatusCode.BadRequest, "charge_already_refunded"), (e.HttpStatusCode, e.StripeError.Code));
        var refundPost = fake.Requests.Single(r => r.IdempotencyKey == "refund-1");
        Assert.Equal(
            [new("amount", "1000"), new("metadata[case]", "c-1"), new("payment_intent", paymentIntent), new("reason", "requested_by_customer")],
            refundPost.Form.OrderBy(p => p.Key, StringComparer.Ordinal));

        var refunded = fake.Events.Where(x => x.Type == "charge.refunded").ToList();
        Assert.Equal(2, refunded.Count);
        var first = (Charge)(await events.GetAsync(refunded[0].Id)).Data.Object;
        var second = (Charge)(await events.GetAsync(refunded[1].Id)).Data.Object;
        Assert.Equal((part.ChargeId, 1000L, false), (first.Id, first.AmountRefunded, first.Refunded));
        Assert.Equal((part.ChargeId, 2500L, true), (second.Id, second.AmountRefunded, second.Refunded));
        Assert.Equal("refund-1", (string?)JsonNode.Parse(refunded[0].Json)!["request"]!["idempotency_key"]);
    }

    [Fact]
    public async Task Events_are_retrieved_as_stripe_sent_them_and_an_unknown_one_is_a_404()
    {
        await using var fake = await StripeFake.StartAsync();
        await using var services = Services(fake);
        var sessions = services.GetRequiredService<SessionService>();
        var events = services.GetRequiredService<EventService>();
        var created = await sessions.CreateAsync(Checkout(), Key("create"));
        var completed = fake.CompleteSession(created.Id);

        var e = await events.GetAsync(completed.Id);
        var missing = await Assert.ThrowsAsync<StripeException>(() => events.GetAsync("evt_unknown"));

        Assert.Equal((completed.Id, "checkout.session.completed", "2026-10-28.endive", false), (e.Id, e.Type, e.ApiVersion, e.Livemode));
        var session = Assert.IsType<Session>(e.Data.Object);
        Assert.Equal((created.Id, "complete", "paid", "quote-1"), (session.Id, session.Status, session.PaymentStatus, session.ClientReferenceId));
        Assert.StartsWith("pi_", session.PaymentIntentId);
        Assert.Equal(completed.Json, e.StripeResponse.Content);
        Assert.Equal((HttpStatusCode.NotFound, "resource_missing", false), (missing.HttpStatusCode, missing.StripeError.Code, StripeFailures.IsTransient(missing)));
        Assert.Equal(1, fake.Requests.Count(r => r.Path == "/v1/events/evt_unknown"));
    }
}
