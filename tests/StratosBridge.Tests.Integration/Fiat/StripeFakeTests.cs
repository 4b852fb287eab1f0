using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StratosBridge.Fiat.Stripe;
using StratosBridge.TestKit.Stripe;

namespace StratosBridge.Tests.Integration.Fiat;

/// <summary>The fake's webhook deliveries (checked with our verifier) and the events its scenario actions produce.</summary>
public sealed class StripeFakeTests
{
    private static readonly StripeSignature Verifier = new(TimeProvider.System);

    private static async Task<(ServiceProvider Services, StripeClient Client, string SessionId)> SessionAsync(StripeFake fake, string reference = "quote-1")
    {
        var services = new ServiceCollection()
            .AddStripe(new ConfigurationBuilder().AddInMemoryCollection(fake.Configuration()).Build())
            .BuildServiceProvider();
        var client = services.GetRequiredService<StripeClient>();
        var session = await client.CreateCheckoutSessionAsync(
            new CheckoutSessionCreate(2500, "usd", "Ozone pack", null, "https://business.example/ok", "https://business.example/cancel", reference,
                new Dictionary<string, string> { ["quote_id"] = reference }, DateTimeOffset.UtcNow.AddHours(1), null),
            $"create-{reference}");
        return (services, client, session.Id);
    }

    [Fact]
    public async Task A_delivery_is_signed_over_its_exact_body_with_the_webhook_secret()
    {
        await using var fake = await StripeFake.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var (services, _, sessionId) = await SessionAsync(fake);
        await using var _ = services;
        var completed = fake.CompleteSession(sessionId);

        using var response = await fake.DeliverAsync(completed, receiver.Endpoint);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var delivery = Assert.Single(receiver.Deliveries);
        Assert.Equal(completed.Body, delivery.Body);
        Assert.Equal("application/json; charset=utf-8", delivery.ContentType);
        Assert.StartsWith("Stripe/1.0", delivery.UserAgent);
        Assert.Matches("^t=[0-9]+,v1=[0-9a-f]{64}$", delivery.Signature);
        Assert.Equal(StripeSignatureResult.Valid, Verifier.Verify(delivery.Signature, delivery.Body, [fake.WebhookSecret]));
        Assert.Equal(StripeSignatureResult.Valid, Verifier.Verify(delivery.Signature, delivery.Body, ["whsec_old_rotated_out", fake.WebhookSecret]));
        var e = StripeEvent.Parse(delivery.Body);
        Assert.Equal((completed.Id, "checkout.session.completed", sessionId), (e.Id, e.Type, e.ObjectId));
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
        var (services, _, sessionId) = await SessionAsync(fake);
        await using var _ = services;
        var expired = fake.ExpireSession(sessionId);

        using var response = await fake.DeliverAsync(expired, receiver.Endpoint, tamper);

        var delivery = Assert.Single(receiver.Deliveries);
        Assert.Equal(expected, Verifier.Verify(delivery.Signature, delivery.Body, [fake.WebhookSecret]));
        Assert.Equal(expired.Id, StripeEvent.Parse(delivery.Body).Id); // still a well-formed event: only the signature gives it away
        Assert.Equal(tamper == WebhookTamper.BodyChangedAfterSigning, !delivery.Body.SequenceEqual(expired.Body));
    }

    [Fact]
    public async Task Deliver_all_repeats_the_sequence_in_the_order_given()
    {
        await using var fake = await StripeFake.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var (services, _, sessionId) = await SessionAsync(fake);
        await using var _ = services;
        var completed = fake.CompleteSession(sessionId);
        var refunded = fake.RefundCharge(sessionId);

        var statuses = await fake.DeliverAllAsync([refunded, completed], receiver.Endpoint, times: 2);

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 4), statuses);
        Assert.Equal([refunded.Id, completed.Id, refunded.Id, completed.Id],
            receiver.Deliveries.Select(d => StripeEvent.Parse(d.Body).Id));
        Assert.All(receiver.Deliveries, d => Assert.Equal(StripeSignatureResult.Valid, Verifier.Verify(d.Signature, d.Body, [fake.WebhookSecret])));
    }

    [Fact]
    public async Task An_async_payment_then_a_dispute_produce_stripes_events_with_snapshots()
    {
        await using var fake = await StripeFake.StartAsync();
        var (services, client, sessionId) = await SessionAsync(fake);
        await using var _ = services;

        var completed = fake.CompleteSession(sessionId, paid: false);
        var succeeded = fake.SucceedAsyncPayment(sessionId);
        var opened = fake.OpenDispute(sessionId);
        var closed = fake.CloseDispute(sessionId, won: false);

        Assert.Equal(["checkout.session.completed", "checkout.session.async_payment_succeeded", "charge.dispute.created", "charge.dispute.closed"],
            fake.Events.Select(e => e.Type));
        var atCompletion = CheckoutSession.Parse((await client.GetEventAsync(completed.Id)).DataObject);
        var afterPayment = CheckoutSession.Parse((await client.GetEventAsync(succeeded.Id)).DataObject);
        Assert.Equal(("complete", "unpaid"), (atCompletion.Status, atCompletion.PaymentStatus)); // the snapshot, not the session now
        Assert.Equal(("complete", "paid"), (afterPayment.Status, afterPayment.PaymentStatus));
        Assert.Equal("paid", (string?)fake.Session(sessionId)["payment_status"]);

        var dispute = (await client.GetEventAsync(opened.Id)).DataObject;
        Assert.Equal(("dispute", "needs_response", 2500L, afterPayment.PaymentIntent),
            (dispute.GetProperty("object").GetString(), dispute.GetProperty("status").GetString(), dispute.GetProperty("amount").GetInt64(),
                dispute.GetProperty("payment_intent").GetString()));
        Assert.StartsWith("ch_", dispute.GetProperty("charge").GetString());
        var decided = await client.GetEventAsync(closed.Id);
        Assert.Equal((opened.ObjectId, "lost"), (decided.ObjectId, decided.DataObject.GetProperty("status").GetString()));
        Assert.Throws<InvalidOperationException>(() => fake.CloseDispute(sessionId, won: true));
    }

    [Fact]
    public async Task A_failed_async_payment_and_an_expiry_leave_the_sessions_unpaid_and_refuse_refunds()
    {
        await using var fake = await StripeFake.StartAsync();
        var (services, client, failing) = await SessionAsync(fake, "quote-1");
        await using var _ = services;
        var (moreServices, _, expiring) = await SessionAsync(fake, "quote-2");
        await using var __ = moreServices;

        fake.CompleteSession(failing, paid: false);
        var failed = fake.FailAsyncPayment(failing);
        var expired = fake.ExpireSession(expiring);

        var failedSession = CheckoutSession.Parse((await client.GetEventAsync(failed.Id)).DataObject);
        var expiredSession = CheckoutSession.Parse((await client.GetEventAsync(expired.Id)).DataObject);
        Assert.Equal(("checkout.session.async_payment_failed", "complete", "unpaid"), (failed.Type, failedSession.Status, failedSession.PaymentStatus));
        Assert.Equal(("checkout.session.expired", "expired", "unpaid", null), (expired.Type, expiredSession.Status, expiredSession.PaymentStatus, expiredSession.Url));
        var refusal = await Assert.ThrowsAsync<StripeException>(() =>
            client.CreateRefundAsync(new RefundCreate(failedSession.PaymentIntent!, null, null, null), "refund-failed"));
        Assert.Equal(("charge_not_refundable", "payment_intent"), (refusal.Error!.Code, refusal.Error.Param));
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
        var error = StripeError.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal((StripeErrorType.InvalidRequestError, param, code), (error.Type, error.Param, error.Code));
        Assert.Empty(fake.SessionIds);
    }

    private static string At(TimeSpan fromNow) =>
        DateTimeOffset.UtcNow.Add(fromNow).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
}
