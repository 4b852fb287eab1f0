using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Tests.Integration.Api;
using StratosBridge.Tests.Integration.Migration;
using StratosBridge.Tests.Integration.Payments;
using StratosBridge.TestKit;
using StratosBridge.TestKit.Postgres;
using StratosBridge.TestKit.Webhooks;

namespace StratosBridge.Tests.Integration.Webhooks;

/// <summary>
/// Webhooks from the real service process to a real receiver on loopback that fails, hangs, then answers: every event of
/// an account's quote arrives signed (checked by Node's crypto), retried through the failures; a kill mid-delivery loses
/// nothing and invents nothing (a resend is marked as a redelivery); an endpoint failing too long is disabled.
/// </summary>
[Collection(PaymentsCollection.Name)]
public sealed class WebhookDeliveryTests(PaymentsFixture fx)
{
    private static Dictionary<string, string?> Settings(string timeout = "00:00:02", string disableAfter = "3.00:00:00") => new()
    {
        ["Webhooks:AllowLoopback"] = "true",
        ["Webhooks:PollInterval"] = "00:00:00.200",
        ["Webhooks:RetryFirst"] = "00:00:00.300",
        ["Webhooks:RetryMax"] = "00:00:01",
        ["Webhooks:Timeout"] = timeout,
        ["Webhooks:DisableAfter"] = disableAfter,
        ["Webhooks:BatchSize"] = "8",
    };

    [Fact]
    public async Task Every_event_of_a_dapps_paid_quote_arrives_signed_through_failures_and_a_hang_and_anonymous_quotes_fire_none()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Behave = n => n switch { 0 or 1 => 500, 2 => null, _ => 200 };
        var (service, url, db) = await fx.StartServiceAsync("webhooks_paid", extra: AdminSettings.With(Settings()));
        await using var _ = db;
        await using var __ = service;
        var key = await AccountKeyAsync(url, dapp: true);
        var endpoint = await SendAsync(url, HttpMethod.Post, "/v1/account/webhooks", key,
            new { url = receiver.Url.ToString(), events = new[] { "quote.payment_seen", "quote.payment_final", "credit.completed" } });
        var secret = endpoint.GetProperty("secret").GetString()!;

        var (quoteId, _) = await PaidQuoteAsync(url, key);
        await PaidQuoteAsync(url, key: null); // anonymous: no events

        var received = await WaitForDeliveredAsync(receiver, 3, service);
        var events = await EventsAsync(db);
        Assert.Equal(["credit.completed", "quote.payment_final", "quote.payment_seen"], events.Values.Order(StringComparer.Ordinal));
        Assert.Equal(events.Keys.Order(StringComparer.Ordinal), received.Select(r => r.Header("StratosBridge-Event-Id")).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(0, await BridgeService.CountAsync(db, "SELECT count(*) FROM webhook_deliveries WHERE status <> 'delivered'"));

        // Each request: signed (Node's crypto agrees), about the account's quote, and marked a redelivery when sent again.
        var verified = await NodeScript.RunAsync("webhook-signature.mjs",
            received.Select(r => new { secret, header = r.Header("StratosBridge-Signature"), body = r.Body }).ToArray());
        Assert.All(verified.EnumerateArray(), v => Assert.True(v.GetProperty("valid").GetBoolean()));
        foreach (var group in received.GroupBy(r => r.Header("StratosBridge-Event-Id")))
        {
            var first = group.First();
            using var body = JsonDocument.Parse(first.Body);
            Assert.Equal(group.Key, body.RootElement.GetProperty("id").GetString());
            Assert.Equal(events[group.Key], body.RootElement.GetProperty("type").GetString());
            Assert.Equal(quoteId, body.RootElement.GetProperty("data").GetProperty("object").GetProperty("id").GetString());
            Assert.Equal("false", first.Header("StratosBridge-Is-Redelivery"));
            Assert.All(group.Skip(1), r => Assert.Equal("true", r.Header("StratosBridge-Is-Redelivery")));
            Assert.All(group, r => Assert.Equal(first.Body, r.Body)); // every attempt sends the same bytes
        }
        var credited = received.First(r => r.Body.Contains("\"credit.completed\"", StringComparison.Ordinal));
        using (var body = JsonDocument.Parse(credited.Body))
        {
            Assert.Equal("credited", body.RootElement.GetProperty("data").GetProperty("object").GetProperty("settlement").GetProperty("state").GetString());
        }

        // The account sees the attempts: two 500s, one with no answer in time, then successes.
        var deliveries = (await SendAsync(url, HttpMethod.Get, $"/v1/account/webhooks/{endpoint.GetProperty("id").GetInt64()}/deliveries", key))
            .GetProperty("deliveries").EnumerateArray().ToList();
        var attempts = deliveries.SelectMany(d => d.GetProperty("recent").EnumerateArray()).ToList();
        Assert.Equal(2, attempts.Count(a => a.GetProperty("statusCode").ValueKind == JsonValueKind.Number && a.GetProperty("statusCode").GetInt32() == 500));
        Assert.Contains(attempts, a => a.GetProperty("error").GetString()?.Contains("no answer within 2 s", StringComparison.Ordinal) == true);
        Assert.All(deliveries, d => Assert.Equal("delivered", d.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_kill_mid_delivery_loses_no_event_invents_none_and_marks_what_is_sent_again_as_a_redelivery()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var hanging = true;
        receiver.Behave = _ => hanging ? null : 200;
        var settings = AdminSettings.With(Settings(timeout: "00:00:03"));
        var (service, url, db) = await fx.StartServiceAsync("webhooks_killed", extra: settings);
        await using var _ = db;
        long endpointId;
        const int Events = 5;
        await using (service)
        {
            var key = await AccountKeyAsync(url);
            endpointId = (await SendAsync(url, HttpMethod.Post, "/v1/account/webhooks", key,
                new { url = receiver.Url.ToString(), events = new[] { "credit.completed" } })).GetProperty("id").GetInt64();
            for (var i = 0; i < Events; i++)
            {
                await SendAsync(url, HttpMethod.Post, $"/v1/account/webhooks/{endpointId}/test", key, null, HttpStatusCode.Accepted);
            }
            try
            {
                await Eventually.HoldsAsync(() => Task.FromResult(receiver.Received.Count > 0), TimeSpan.FromSeconds(60), "a delivery to be in flight");
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"{e.Message}\n{service.OutputTail}", e);
            }
            service.Kill(); // SIGKILL while the receiver holds the request
        }
        hanging = false;

        var (again, _, __) = await fx.StartServiceAsync("webhooks_killed_again", db, extra: settings);
        await using (again)
        {
            var received = await WaitForDeliveredAsync(receiver, Events, again, TimeSpan.FromSeconds(120));
            var events = await EventsAsync(db);
            Assert.Equal(Events, events.Count);
            Assert.Equal(events.Keys.Order(StringComparer.Ordinal), received.Select(r => r.Header("StratosBridge-Event-Id")).Distinct().Order(StringComparer.Ordinal));
            foreach (var group in received.GroupBy(r => r.Header("StratosBridge-Event-Id")))
            {
                Assert.All(group.Skip(1), r => Assert.Equal("true", r.Header("StratosBridge-Is-Redelivery")));
                Assert.Contains(group, r => r.AnsweredStatus == 200);
            }
            Assert.Contains(received, r => r.Header("StratosBridge-Is-Redelivery") == "true"); // the one in flight was sent again
            Assert.Equal(Events, await BridgeService.CountAsync(db, $"SELECT count(*) FROM webhook_deliveries WHERE endpoint_id = {endpointId} AND status = 'delivered'"));
        }
    }

    [Fact]
    public async Task An_endpoint_that_keeps_failing_past_the_window_is_disabled_with_an_alarm_and_can_be_enabled_and_redelivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var failing = true;
        receiver.Behave = _ => failing ? 503 : 200;
        var (service, url, db) = await fx.StartServiceAsync("webhooks_disabled", extra: AdminSettings.With(Settings(disableAfter: "00:00:02")));
        await using var _ = db;
        await using var __ = service;
        var key = await AccountKeyAsync(url);
        var id = (await SendAsync(url, HttpMethod.Post, "/v1/account/webhooks", key,
            new { url = receiver.Url.ToString(), events = new[] { "credit.completed" } })).GetProperty("id").GetInt64();
        await SendAsync(url, HttpMethod.Post, $"/v1/account/webhooks/{id}/test", key, null, HttpStatusCode.Accepted);

        JsonElement endpoint = default;
        try
        {
            await Eventually.HoldsAsync(async () =>
            {
                endpoint = await SendAsync(url, HttpMethod.Get, $"/v1/account/webhooks/{id}", key);
                return endpoint.GetProperty("status").GetString() == "disabled";
            }, TimeSpan.FromSeconds(60), "the failing endpoint to be disabled");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\nlast: {endpoint}\nreceived {receiver.Received.Count}\n{service.OutputTail}", e);
        }
        Assert.Contains("disabled after failing since", endpoint.GetProperty("statusNote").GetString());
        Assert.Contains(service.Alarms, a => a.Contains($"webhook endpoint {id} disabled", StringComparison.Ordinal));
        var delivery = Assert.Single((await SendAsync(url, HttpMethod.Get, $"/v1/account/webhooks/{id}/deliveries", key)).GetProperty("deliveries").EnumerateArray());
        Assert.Equal("failed", delivery.GetProperty("status").GetString());
        var tries = receiver.Received.Count;
        Assert.True(tries >= 2, $"only {tries} attempt(s) before giving up");

        // Fixed: the account enables it and asks for the missed event again.
        failing = false;
        Assert.Equal("enabled", (await SendAsync(url, HttpMethod.Post, $"/v1/account/webhooks/{id}/enable", key)).GetProperty("status").GetString());
        await SendAsync(url, HttpMethod.Post, $"/v1/account/webhook-deliveries/{delivery.GetProperty("id").GetInt64()}/redeliver", key, null, HttpStatusCode.Accepted);
        var redelivered = await WaitForDeliveredAsync(receiver, 1, service);
        var ok = Assert.Single(redelivered, r => r.AnsweredStatus == 200);
        Assert.Equal("true", ok.Header("StratosBridge-Is-Redelivery"));
        Assert.Equal(delivery.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), ok.Header("StratosBridge-Original-Delivery-Id"));
    }

    /// <summary>An account with an API key, made through the admin API: a business, or a dApp (no wallet); the key.</summary>
    private static async Task<string> AccountKeyAsync(Uri url, bool dapp = false)
    {
        object body = dapp
            ? new { kind = "dapp", name = "Hooked dApp", contactEmail = "dev@dapp.example" }
            : new { name = "Hooked shop", contactEmail = "dev@shop.example", wallet = EthKey.Generate().Address.ToString(), monthlyLimitUsd = "100.00" };
        var account = await SendAsync(url, HttpMethod.Post, "/v1/admin/accounts", AdminSettings.Token, body, HttpStatusCode.Created);
        return (await SendAsync(url, HttpMethod.Post, $"/v1/admin/accounts/{account.GetProperty("id").GetInt64()}/keys", AdminSettings.Token, null,
            HttpStatusCode.Created)).GetProperty("key").GetString()!;
    }

    /// <summary>A quote (the account's with <paramref name="key"/>, else anonymous) paid in full on ethereum and final.</summary>
    private async Task<(string QuoteId, EthAddress Beneficiary)> PaidQuoteAsync(Uri url, string? key)
    {
        var beneficiary = EthKey.Generate().Address;
        JsonElement quote = default;
        await Eventually.HoldsAsync(async () =>
        {
            using var http = new HttpClient { BaseAddress = url };
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/quotes")
            {
                Content = JsonContent.Create(new { beneficiary = beneficiary.ToString(), payAsset = "ETH", oz = "1" }),
            };
            if (key is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            }
            using var response = await http.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                return false; // prices arrive a moment after start-up
            }
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            quote = (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
            return true;
        }, TimeSpan.FromSeconds(120), "the service to price a quote");
        var id = quote.GetProperty("id").GetString()!;
        await fx.PayAsync("ethereum", await fx.PayerAsync("ethereum"), id, beneficiary,
            PaymentsFixture.Big(quote.GetProperty("amountDue").GetProperty("baseUnits")));
        await fx.MakeFinalAsync("ethereum");
        return (id, beneficiary);
    }

    /// <summary>Waits until <paramref name="events"/> distinct events were answered 2xx; every request received so far.</summary>
    private static async Task<IReadOnlyList<ReceivedWebhook>> WaitForDeliveredAsync(WebhookReceiver receiver, int events, TestKit.ChildProcess service,
        TimeSpan? within = null)
    {
        try
        {
            await Eventually.HoldsAsync(() => Task.FromResult(receiver.Received.Where(r => r.AnsweredStatus is >= 200 and < 300)
                .Select(r => r.Header("StratosBridge-Event-Id")).Distinct().Count() >= events), within ?? TimeSpan.FromSeconds(120),
                $"{events} event(s) delivered");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\nreceived: {string.Join("; ", receiver.Received.Select(r => $"{r.Index} {r.AnsweredStatus} {r.Header("StratosBridge-Event-Id")}"))}\n{service.OutputTail}", e);
        }
        return receiver.Received;
    }

    /// <summary>The ledger's events: id → type.</summary>
    private static async Task<Dictionary<string, string>> EventsAsync(TestDatabase db)
    {
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT id, type FROM webhook_events", conn);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result[reader.GetString(0)] = reader.GetString(1);
        }
        return result;
    }

    private static async Task<JsonElement> SendAsync(Uri url, HttpMethod method, string path, string bearer, object? body = null,
        HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var http = new HttpClient { BaseAddress = url };
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (expected == HttpStatusCode.OK && response.StatusCode == HttpStatusCode.Created)
        {
            expected = HttpStatusCode.Created;
        }
        Assert.True(response.StatusCode == expected, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
