using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using StratosBridge.Api.Cards;
using StratosBridge.Tests.Integration.Api;
using StratosBridge.TestKit;
using StratosBridge.TestKit.Stripe;

namespace StratosBridge.Tests.Integration.Cards;

/// <summary>
/// The webhook endpoint in process: its body limit (1 MiB) holds for a body sent chunked, with no Content-Length to refuse
/// it by; and deliveries signed by Stripe's own Node library (npm <c>stripe</c>), not by our code nor Stripe.net, are
/// accepted, and refused once tampered with.
/// </summary>
public sealed class StripeWebhookEndpointTests
{
    private const int Limit = 1 << 20;

    /// <summary>A body of unknown length: sent with <c>Transfer-Encoding: chunked</c>, in pieces.</summary>
    private sealed class ChunkedContent(byte[] body) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var offset = 0; offset < body.Length; offset += 64 * 1024)
            {
                await stream.WriteAsync(body.AsMemory(offset, Math.Min(64 * 1024, body.Length - offset)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    private static byte[] Event(string id, int padding) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["id"] = id,
        ["object"] = "event",
        ["type"] = "checkout.session.completed",
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["api_version"] = StripeFake.DefaultApiVersion,
        ["livemode"] = false,
        ["data"] = new JsonObject
        {
            ["object"] = new JsonObject
            {
                ["id"] = "cs_test_" + id,
                ["object"] = "checkout.session",
                ["metadata"] = new JsonObject { ["padding"] = new string('x', padding) },
            },
        },
    }.ToJsonString());

    private static async Task<HttpResponseMessage> DeliverChunkedAsync(InProcessApi api, StripeFake stripe, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/fiat/stripe/webhook") { Content = new ChunkedContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add(StripeFake.SignatureHeader,
            StripeFake.Sign(stripe.WebhookSecret, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), System.Text.Encoding.UTF8.GetString(body)));
        Assert.Null(request.Content.Headers.ContentLength);
        return await api.Http.SendAsync(request);
    }

    private static async Task<long> RecordedAsync(InProcessApi api)
    {
        await using var connection = new Npgsql.NpgsqlConnection(api.Database.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("SELECT count(*) FROM stripe_events", connection);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_refused_413_and_nothing_is_recorded_while_a_small_chunked_event_is()
    {
        await using var stripe = await StripeFake.StartAsync();
        await using var api = await ApiAsync("webhook_chunked", stripe);

        using var large = await DeliverChunkedAsync(api, stripe, Event("evt_chunked_large", Limit + 1000)); // validly signed
        var largeBody = await large.Content.ReadAsStringAsync();
        var afterLarge = await RecordedAsync(api);
        using var small = await DeliverChunkedAsync(api, stripe, Event("evt_chunked_small", 100));
        var smallBody = await small.Content.ReadAsStringAsync();

        Assert.True(large.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{large.StatusCode} {largeBody}");
        Assert.Contains($"\"code\":\"{StripeWebhookEndpoint.InvalidEvent}\"", largeBody);
        Assert.Equal(0, afterLarge);
        Assert.True(small.StatusCode == HttpStatusCode.OK, $"{small.StatusCode} {smallBody}");
        Assert.Contains("\"outcome\":\"recorded\"", smallBody);
        Assert.Equal(1, await RecordedAsync(api));
    }

    private static async Task<InProcessApi> ApiAsync(string hint, StripeFake stripe)
    {
        var settings = new Dictionary<string, string?>(ApiChains.Settings)
        {
            ["Fiat:Enabled"] = "true",
            ["Fiat:PublicBaseUrl"] = "http://127.0.0.1/",
            ["Pricing:Payments:card:Enabled"] = "true",
        };
        foreach (var (key, value) in stripe.Configuration())
        {
            settings[key] = value;
        }
        return await InProcessApi.StartAsync(hint, settings);
    }

    /// <summary>Headers made by npm stripe's <c>webhooks.generateTestHeaderString</c> (ops/tools/scripts/stripe-webhook-sign.mjs).</summary>
    private static async Task<string[]> NpmSignAsync(string secret, params (string Payload, long Timestamp)[] deliveries)
    {
        var answer = await NodeScript.RunAsync("stripe-webhook-sign.mjs",
            new { secret, deliveries = deliveries.Select(d => new { payload = d.Payload, timestamp = d.Timestamp }) });
        return [.. answer.GetProperty("headers").EnumerateArray().Select(h => h.GetString()!)];
    }

    private static async Task<(HttpStatusCode Status, string Body)> DeliverAsync(InProcessApi api, string body, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/fiat/stripe/webhook") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(StripeFake.SignatureHeader, signature);
        using var response = await api.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_delivery_signed_by_npm_stripe_is_accepted_and_a_tampered_stale_or_foreign_one_is_refused()
    {
        await using var stripe = await StripeFake.StartAsync();
        await using var api = await ApiAsync("webhook_npm_signed", stripe);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var body = Encoding.UTF8.GetString(Event("evt_npm_signed", 10)).Replace("xxxxxxxxxx", "café ☕ xx", StringComparison.Ordinal);
        var stale = Encoding.UTF8.GetString(Event("evt_npm_stale", 10));
        var headers = await NpmSignAsync(stripe.WebhookSecret, (body, now), (stale, now - 301));
        var foreign = (await NpmSignAsync("whsec_someone_elses_endpoint", (body, now)))[0];

        var tampered = await DeliverAsync(api, body.Replace("café", "cafe", StringComparison.Ordinal), headers[0]);
        var old = await DeliverAsync(api, stale, headers[1]);
        var wrongSecret = await DeliverAsync(api, body, foreign);
        Assert.Equal(0, await RecordedAsync(api));
        var accepted = await DeliverAsync(api, body, headers[0]);

        foreach (var (status, answer) in new[] { tampered, old, wrongSecret })
        {
            Assert.True(status == HttpStatusCode.BadRequest, $"{status} {answer}");
            Assert.Contains($"\"code\":\"{StripeWebhookEndpoint.InvalidSignature}\"", answer);
        }
        Assert.Contains("tolerance", old.Body);
        Assert.True(accepted.Status == HttpStatusCode.OK, $"{accepted.Status} {accepted.Body}");
        Assert.Contains("\"outcome\":\"recorded\"", accepted.Body);
        Assert.Equal(1, await RecordedAsync(api));
    }
}
