using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StratosBridge.Fiat.Stripe;
using StratosBridge.TestKit.Stripe;

namespace StratosBridge.Tests.Integration.Fiat;

/// <summary>The real <see cref="StripeClient"/>, registered by AddStripe, against the local Stripe fake (one per test).</summary>
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

    private static CheckoutSessionCreate Checkout(string reference = "quote-1", DateTimeOffset? expiresAt = null) =>
        new(2500, "usd", "Ozone pack 1000 OZ", "1000 OZ for st1qy…", "https://business.example/paid?session={CHECKOUT_SESSION_ID}",
            "https://business.example/cancelled", reference, new Dictionary<string, string> { ["quote_id"] = reference, ["account_id"] = "7" },
            expiresAt ?? DateTimeOffset.UtcNow.AddHours(1), "ops@business.example");

    [Fact]
    public async Task A_created_session_is_retrieved_with_its_line_item()
    {
        await using var fake = await StripeFake.StartAsync();
        await using var services = Services(fake);
        var client = services.GetRequiredService<StripeClient>();
        var expires = DateTimeOffset.UtcNow.AddHours(2);

        var created = await client.CreateCheckoutSessionAsync(Checkout(expiresAt: expires), "create-1");
        var fetched = await client.GetCheckoutSessionAsync(created.Id);

        Assert.StartsWith("cs_test_", created.Id);
        Assert.Equal([created.Id], fake.SessionIds);
        foreach (var session in new[] { created, fetched })
        {
            Assert.Equal((created.Id, "open", "unpaid", 2500L, "usd", "quote-1"),
                (session.Id, session.Status, session.PaymentStatus, session.AmountTotal!.Value, session.Currency, session.ClientReferenceId));
            Assert.Equal(new Dictionary<string, string> { ["quote_id"] = "quote-1", ["account_id"] = "7" }, session.Metadata);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds()), session.ExpiresAt);
            Assert.Equal(("ops@business.example", null, false), (session.CustomerEmail, session.PaymentIntent, session.Livemode));
            Assert.Equal($"https://checkout.stripe.com/c/pay/{created.Id}", session.Url);
        }
        Assert.Empty(created.LineItems);
        var item = Assert.Single(fetched.LineItems);
        Assert.StartsWith("li_", item.Id);
        Assert.Equal(("Ozone pack 1000 OZ", 2500L, "usd", 1L), (item.Description, item.AmountTotal, item.Currency, item.Quantity));

        var (post, get) = (fake.Requests[0], fake.Requests[1]);
        Assert.Equal(2, fake.Requests.Count);
        Assert.Equal(("POST", "/v1/checkout/sessions", "create-1", "2024-06-20"), (post.Method, post.Path, post.IdempotencyKey, post.StripeVersion));
        Assert.Equal(StripeFormEncoder.Flatten(Checkout(expiresAt: expires).ToParameters()), post.Form); // decoded by ASP.NET Core's form reader
        Assert.Equal(("GET", $"/v1/checkout/sessions/{created.Id}", null, "2024-06-20"), (get.Method, get.Path, get.IdempotencyKey, get.StripeVersion));
        Assert.Equal([new("expand[]", "line_items")], get.Query);
    }

    [Fact]
    public async Task A_500_is_retried_with_the_same_idempotency_key_and_one_session_results()
    {
        await using var fake = await StripeFake.StartAsync();
        await using var services = Services(fake);
        fake.FailNext(1, 500);

        var created = await services.GetRequiredService<StripeClient>().CreateCheckoutSessionAsync(Checkout(), "retry-500");

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

        var created = await services.GetRequiredService<StripeClient>().CreateCheckoutSessionAsync(Checkout(), "retry-drop");

        Assert.Equal(["retry-drop", "retry-drop"], fake.Requests.Select(r => r.IdempotencyKey));
        Assert.Equal([created.Id], fake.SessionIds);
    }

    [Fact]
    public async Task A_400_is_a_typed_exception_with_stripes_param_and_is_not_retried()
    {
        await using var fake = await StripeFake.StartAsync();
        await using var services = Services(fake);

        var e = await Assert.ThrowsAsync<StripeException>(() => services.GetRequiredService<StripeClient>()
            .CreateCheckoutSessionAsync(Checkout(expiresAt: DateTimeOffset.UtcNow.AddMinutes(10)), "too-soon"));

        Assert.Equal((HttpStatusCode.BadRequest, StripeErrorType.InvalidRequestError, "expires_at", false),
            (e.StatusCode, e.Type, e.Error!.Param, e.IsRetryable));
        Assert.StartsWith("req_", e.RequestId);
        Assert.Contains("at least 30 minutes", e.Message);
        Assert.Single(fake.Requests);
        Assert.Empty(fake.SessionIds);
    }

    [Fact]
    public async Task A_key_reused_with_other_parameters_is_an_idempotency_error_and_with_the_same_ones_a_replay()
    {
        await using var fake = await StripeFake.StartAsync();
        await using var services = Services(fake);
        var client = services.GetRequiredService<StripeClient>();
        var request = Checkout("quote-1");

        var first = await client.CreateCheckoutSessionAsync(request, "key-1");
        var again = await client.CreateCheckoutSessionAsync(request, "key-1");
        var e = await Assert.ThrowsAsync<StripeException>(() => client.CreateCheckoutSessionAsync(Checkout("quote-2"), "key-1"));

        Assert.Equal(first.Id, again.Id);
        Assert.Equal((HttpStatusCode.BadRequest, StripeErrorType.IdempotencyError), (e.StatusCode, e.Type));
        Assert.Equal([first.Id], fake.SessionIds);
        Assert.Equal(3, fake.Requests.Count);
    }

    [Fact]
    public async Task A_wrong_secret_key_is_a_401_and_is_not_retried()
    {
        await using var fake = await StripeFake.StartAsync();
        await using var services = Services(fake, ("Stripe:SecretKey", "sk_test_notTheFakesKey1234"));

        var e = await Assert.ThrowsAsync<StripeException>(() => services.GetRequiredService<StripeClient>().GetCheckoutSessionAsync("cs_test_1"));

        // Stripe reports a bad key as an invalid_request_error with HTTP 401, and masks the key.
        Assert.Equal((HttpStatusCode.Unauthorized, StripeErrorType.InvalidRequestError, false), (e.StatusCode, e.Type, e.IsRetryable));
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
        var client = services.GetRequiredService<StripeClient>();
        fake.FailNext(maxAttempts, 503);

        var e = await Assert.ThrowsAsync<StripeException>(() => client.CreateCheckoutSessionAsync(Checkout(), "unavailable"));

        Assert.Equal((HttpStatusCode.ServiceUnavailable, StripeErrorType.ApiError, true), (e.StatusCode, e.Type, e.IsRetryable));
        Assert.Equal(Enumerable.Repeat("unavailable", maxAttempts), fake.Requests.Select(r => r.IdempotencyKey));
        Assert.Empty(fake.SessionIds);

        // The job that owns the key runs again later, with the same key: one session.
        var created = await client.CreateCheckoutSessionAsync(Checkout(), "unavailable");
        Assert.Equal([created.Id], fake.SessionIds);
    }

    [Fact]
    public async Task Refunds_are_created_by_payment_intent_and_produce_charge_refunded_events()
    {
        await using var fake = await StripeFake.StartAsync();
        await using var services = Services(fake);
        var client = services.GetRequiredService<StripeClient>();
        var created = await client.CreateCheckoutSessionAsync(Checkout(), "create");
        fake.CompleteSession(created.Id);
        var paymentIntent = (await client.GetCheckoutSessionAsync(created.Id)).PaymentIntent!;

        var part = await client.CreateRefundAsync(
            new RefundCreate(paymentIntent, 1000, "requested_by_customer", new Dictionary<string, string> { ["case"] = "c-1" }), "refund-1");
        var rest = await client.CreateRefundAsync(new RefundCreate(paymentIntent, null, null, null), "refund-2");
        var e = await Assert.ThrowsAsync<StripeException>(() => client.CreateRefundAsync(new RefundCreate(paymentIntent, null, null, null), "refund-3"));

        Assert.StartsWith("pi_", paymentIntent);
        Assert.StartsWith("re_", part.Id);
        Assert.StartsWith("ch_", part.Charge);
        Assert.Equal((1000L, "usd", paymentIntent, "succeeded"), (part.Amount, part.Currency, part.PaymentIntent, part.Status));
        Assert.Equal((1500L, part.Charge), (rest.Amount, rest.Charge));
        Assert.Equal((HttpStatusCode.BadRequest, "charge_already_refunded"), (e.StatusCode, e.Error!.Code));
        var refundPost = fake.Requests.Single(r => r.IdempotencyKey == "refund-1");
        Assert.Equal([new("payment_intent", paymentIntent), new("amount", "1000"), new("reason", "requested_by_customer"), new("metadata[case]", "c-1")],
            refundPost.Form);

        var refunded = fake.Events.Where(x => x.Type == "charge.refunded").ToList();
        Assert.Equal(2, refunded.Count);
        var first = await client.GetEventAsync(refunded[0].Id);
        var second = await client.GetEventAsync(refunded[1].Id);
        Assert.Equal((part.Charge, part.Charge), (first.ObjectId, second.ObjectId));
        Assert.Equal((1000L, false), (first.DataObject.GetProperty("amount_refunded").GetInt64(), first.DataObject.GetProperty("refunded").GetBoolean()));
        Assert.Equal((2500L, true), (second.DataObject.GetProperty("amount_refunded").GetInt64(), second.DataObject.GetProperty("refunded").GetBoolean()));
        Assert.Equal("refund-1", (string?)JsonNode.Parse(refunded[0].Json)!["request"]!["idempotency_key"]);
    }

    [Fact]
    public async Task Events_are_retrieved_as_stripe_sent_them_and_an_unknown_one_is_a_404()
    {
        await using var fake = await StripeFake.StartAsync();
        await using var services = Services(fake);
        var client = services.GetRequiredService<StripeClient>();
        var created = await client.CreateCheckoutSessionAsync(Checkout(), "create");
        var completed = fake.CompleteSession(created.Id);

        var e = await client.GetEventAsync(completed.Id);
        var missing = await Assert.ThrowsAsync<StripeException>(() => client.GetEventAsync("evt_unknown"));

        Assert.Equal((completed.Id, "checkout.session.completed", "2024-06-20", created.Id, false), (e.Id, e.Type, e.ApiVersion, e.ObjectId, e.Livemode));
        var session = CheckoutSession.Parse(e.DataObject);
        Assert.Equal(("complete", "paid", "quote-1"), (session.Status, session.PaymentStatus, session.ClientReferenceId));
        Assert.StartsWith("pi_", session.PaymentIntent);
        Assert.Equal((HttpStatusCode.NotFound, "resource_missing"), (missing.StatusCode, missing.Error!.Code));
        Assert.Equal(1, fake.Requests.Count(r => r.Path == "/v1/events/evt_unknown"));
    }
}
