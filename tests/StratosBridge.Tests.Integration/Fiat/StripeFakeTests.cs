using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Stripe;
using Stripe.Checkout;
using StratosBridge.Fiat.StripeApi;
using StratosBridge.TestKit.Stripe;

namespace StratosBridge.Tests.Integration.Fiat;

/// <summary>The fake's webhook deliveries (checked with our verifier) and the events its scenario actions produce, read with Stripe.net.</summary>
public sealed class StripeFakeTests
{
    private static async Task<(ServiceProvider Services, string SessionId)> SessionAsync(StripeFake fake, string reference = "quote-1")
    {
        var services = new ServiceCollection()
            .AddStripe(new ConfigurationBuilder().AddInMemoryCollection(fake.Configuration()).Build())
            .BuildServiceProvider();
        var session = await services.GetRequiredService<SessionService>().CreateAsync(new SessionCreateOptions
        {
            Mode = "payment",
            LineItems = [new SessionLineItemOptions { PriceData = new SessionLineItemPriceDataOptions
                { Currency = "usd", UnitAmount = 2500, ProductData = new SessionLineItemPriceDataProductDataOptions { Name = "Ozone pack" } }, Quantity = 1 }],
            SuccessUrl = "https://business.example/ok", CancelUrl = "https://business.example/cancel", ClientReferenceId = reference,
            Metadata = new Dictionary<string, string> { ["quote_id"] = reference }, ExpiresAt = DateTime.UtcNow.AddHours(1),
        }, new RequestOptions { IdempotencyKey = $"create-{reference}" });
        return (services, session.Id);
    }

    private static StripeWebhookVerdict Verify(StripeFake fake, string? signature, byte[] body, params string[] secrets) =>
        new StripeWebhookVerifier(Microsoft.Extensions.Options.Options.Create(new StripeOptions { WebhookSecrets = secrets.Length == 0 ? [fake.WebhookSecret] : [.. secrets] }),
            TimeProvider.System).Verify(signature, Encoding.UTF8.GetString(body));

    private static T Object<T>(Event e) => Assert.IsType<T>(e.Data.Object);

    [Fact]
    public async Task A_delivery_is_signed_over_its_exact_body_with_the_webhook_secret()
    {
        await using var fake = await StripeFake.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var (services, sessionId) = await SessionAsync(fake);
        await using var _ = services;
        var completed = fake.CompleteSession(sessionId);

        using var response = await fake.DeliverAsync(completed, receiver.Endpoint);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var delivery = Assert.Single(receiver.Deliveries);
        Assert.Equal(completed.Body, delivery.Body);
        Assert.Equal("application/json; charset=utf-8", delivery.ContentType);
        Assert.StartsWith("Stripe/1.0", delivery.UserAgent);
        Assert.Matches("^t=[0-9]+,v1=[0-9a-f]{64}$", delivery.Signature);
        Assert.Equal(StripeSignatureResult.Valid, Verify(fake, delivery.Signature, delivery.Body).Result);
        var verdict = Verify(fake, delivery.Signature, delivery.Body, "whsec_old_rotated_out", fake.WebhookSecret);
        Assert.Equal(StripeSignatureResult.Valid, verdict.Result);
        Assert.Equal((completed.Id, "checkout.session.completed", sessionId, StripeFake.DefaultApiVersion),
            (verdict.Event!.Id, verdict.Event.Type, Object<Session>(verdict.Event).Id, verdict.Event.ApiVersion));
    }

    [Theory]
    [InlineData(WebhookTamper.WrongSecret, StripeSignatureResult.NoMatchingSignature)]
    [InlineData(WebhookTamper.Stale, StripeSignatureResult.TimestampOutsideTolerance)]
    [InlineData(WebhookTamper.BodyChangedAfterSigning, StripeSignatureResult.NoMatchingSignature)]
    [InlineData(WebhookTamper.NoSignature, StripeSignatureResult.MalformedHeader)]
    public async Task Each_tampered_delivery_is_refused_by_the_verifier_for_its_reason(WebhookTamper tamper, StripeSignatureResult expected)
    {
        await using var fake = await StripeFake.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var (services, sessionId) = await SessionAsync(fake);
        await using var _ = services;
        var expired = fake.ExpireSession(sessionId);

        using var response = await fake.DeliverAsync(expired, receiver.Endpoint, tamper);

        var delivery = Assert.Single(receiver.Deliveries);
        Assert.Equal(expected, Verify(fake, delivery.Signature, delivery.Body).Result);
        Assert.Equal(expired.Id, EventUtility.ParseEvent(Encoding.UTF8.GetString(delivery.Body)).Id); // still a well-formed event: only the signature gives it away
        Assert.Equal(tamper == WebhookTamper.BodyChangedAfterSigning, !delivery.Body.SequenceEqual(expired.Body));
    }

    [Fact]
    public async Task Deliver_all_repeats_the_sequence_in_the_order_given()
    {
        await using var fake = await StripeFake.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var (services, sessionId) = await SessionAsync(fake);
        await using var _ = services;
        var completed = fake.CompleteSession(sessionId);
        var refunded = fake.RefundCharge(sessionId);

        var statuses = await fake.DeliverAllAsync([refunded, completed], receiver.Endpoint, times: 2);

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 4), statuses);
        Assert.Equal([refunded.Id, completed.Id, refunded.Id, completed.Id],
            receiver.Deliveries.Select(d => Verify(fake, d.Signature, d.Body).Event?.Id));
        Assert.All(receiver.Deliveries, d => Assert.Equal(StripeSignatureResult.Valid, Verify(fake, d.Signature, d.Body).Result));
    }

    [Fact]
    public async Task An_async_payment_then_a_dispute_produce_stripes_events_with_snapshots()
    {
        await using var fake = await StripeFake.StartAsync();
        var (services, sessionId) = await SessionAsync(fake);
        await using var _ = services;
        var events = services.GetRequiredService<EventService>();

        var completed = fake.CompleteSession(sessionId, paid: false);
        var succeeded = fake.SucceedAsyncPayment(sessionId);
        var opened = fake.OpenDispute(sessionId);
        var closed = fake.CloseDispute(sessionId, won: false);

        Assert.Equal(["checkout.session.completed", "checkout.session.async_payment_succeeded", "charge.dispute.created", "charge.dispute.closed"],
            fake.Events.Select(e => e.Type));
        var atCompletion = Object<Session>(await events.GetAsync(completed.Id));
        var afterPayment = Object<Session>(await events.GetAsync(succeeded.Id));
        Assert.Equal(("complete", "unpaid"), (atCompletion.Status, atCompletion.PaymentStatus)); // the snapshot, not the session now
        Assert.Equal(("complete", "paid"), (afterPayment.Status, afterPayment.PaymentStatus));
        Assert.Equal("paid", (string?)fake.Session(sessionId)["payment_status"]);

        var dispute = Object<Dispute>(await events.GetAsync(opened.Id));
        Assert.Equal(("needs_response", 2500L, afterPayment.PaymentIntentId), (dispute.Status, dispute.Amount, dispute.PaymentIntentId));
        Assert.StartsWith("ch_", dispute.ChargeId);
        var decided = Object<Dispute>(await events.GetAsync(closed.Id));
        Assert.Equal((opened.ObjectId, "lost"), (decided.Id, decided.Status));
        Assert.Throws<InvalidOperationException>(() => fake.CloseDispute(sessionId, won: true));
    }

    [Fact]
    public async Task A_failed_async_payment_and_an_expiry_leave_the_sessions_unpaid_and_refuse_refunds()
    {
        await using var fake = await StripeFake.StartAsync();
        var (services, failing) = await SessionAsync(fake, "quote-1");
        await using var _ = services;
        var events = services.GetRequiredService<EventService>();
        var (moreServices, expiring) = await SessionAsync(fake, "quote-2");
        await using var __ = moreServices;

        fake.CompleteSession(failing, paid: false);
        var failed = fake.FailAsyncPayment(failing);
        var expired = fake.ExpireSession(expiring);

        var failedSession = Object<Session>(await events.GetAsync(failed.Id));
        var expiredSession = Object<Session>(await events.GetAsync(expired.Id));
        Assert.Equal(("checkout.session.async_payment_failed", "complete", "unpaid"), (failed.Type, failedSession.Status, failedSession.PaymentStatus));
        Assert.Equal(("checkout.session.expired", "expired", "unpaid", null), (expired.Type, expiredSession.Status, expiredSession.PaymentStatus, expiredSession.Url));
        var refusal = await Assert.ThrowsAsync<StripeException>(() =>
            services.GetRequiredService<RefundService>().CreateAsync(new RefundCreateOptions { PaymentIntent = failedSession.PaymentIntentId },
                new RequestOptions { IdempotencyKey = "refund-failed" }));
        Assert.Equal(("charge_not_refundable", "payment_intent"), (refusal.StripeError.Code, refusal.StripeError.Param));
        Assert.Throws<InvalidOperationException>(() => fake.RefundCharge(failing));
        Assert.Throws<InvalidOperationException>(() => fake.CompleteSession(expiring));
    }

    [Theory]
    [InlineData("mode", "setup", "mode", "parameter_invalid_string")]
    [InlineData("line_items[0][price_data][unit_amount]", "0", "line_items[0][price_data][unit_amount]", "parameter_invalid_integer")]
    [InlineData("line_items[0][price_data][currency]", "dollars", "line_items[0][price_data][currency]", "parameter_invalid_string")]
    [InlineData("success_url", "not a url", "success_url", "url_invalid")]
    [InlineData("cancel_url", "/relative", "cancel_url", "url_invalid")]
    [InlineData("expires_at", "+25h", "expires_at", null)]
    [InlineData("expires_at", "+29m", "expires_at", null)]
    [InlineData("line_items[0][price_data][recurring][interval]", "month", "line_items[0][price_data][recurring][interval]", "parameter_unknown")]
    [InlineData("line_items[0][quantity]", null, "line_items[0][quantity]", "parameter_missing")]
    public async Task The_fake_refuses_a_checkout_session_stripe_would_refuse(string field, string? value, string param, string? code)
    {
        await using var fake = await StripeFake.StartAsync();
        using var http = new HttpClient { BaseAddress = fake.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new("Bearer", fake.SecretKey);
        var form = new Dictionary<string, string>
        {
            ["mode"] = "payment", ["line_items[0][price_data][currency]"] = "usd", ["line_items[0][price_data][unit_amount]"] = "2500",
            ["line_items[0][price_data][product_data][name]"] = "Ozone pack", ["line_items[0][quantity]"] = "1",
            ["success_url"] = "https://business.example/ok", ["expires_at"] = At(TimeSpan.FromHours(1)),
        };
        if (value is null)
        {
            form.Remove(field);
        }
        else
        {
            form[field] = value.StartsWith('+') ? At(value.EndsWith('h') ? TimeSpan.FromHours(int.Parse(value[1..^1])) : TimeSpan.FromMinutes(int.Parse(value[1..^1]))) : value;
        }

        using var response = await http.PostAsync("v1/checkout/sessions", new FormUrlEncodedContent(form));
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = answer.RootElement.GetProperty("error");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(("invalid_request_error", param, code), (error.GetProperty("type").GetString(), error.GetProperty("param").GetString(),
            error.TryGetProperty("code", out var c) ? c.GetString() : null));
        Assert.Empty(fake.SessionIds);
    }

    private static string At(TimeSpan fromNow) =>
        DateTimeOffset.UtcNow.Add(fromNow).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
}
