using System.Net;
using StratosBridge.Tests.Integration.Accounts;
using StratosBridge.Tests.Integration.Api;

namespace StratosBridge.Tests.Integration.Webhooks;

/// <summary>An account's webhook routes on the real host (api role, in process): what is accepted, what is refused and why.</summary>
public sealed class WebhookEndpointsTests
{
    private static Task<InProcessApi> StartAsync(string hint, bool allowLoopback = false) =>
        InProcessApi.StartAsync(hint, AdminSettings.With(new Dictionary<string, string?> { ["Webhooks:AllowLoopback"] = allowLoopback ? "true" : "false" }));

    private static string Body(string url, params string[] events) => AccountRequests.Json(new { url, events });

    [Theory]
    [InlineData("https://169.254.169.254/latest/meta-data", "link-local")]
    [InlineData("https://10.1.2.3/hooks", "private")]
    [InlineData("https://192.168.0.7/hooks", "private")]
    [InlineData("https://[fd00::1]/hooks", "unique local")]
    [InlineData("https://127.0.0.1/hooks", "loopback")]
    [InlineData("https://localhost/hooks", "loopback")]
    [InlineData("http://hooks.example.com/in", "https")]
    [InlineData("https://user:pw@hooks.example.com/in", "credentials")]
    [InlineData("ftp://hooks.example.com/in", "scheme")]
    [InlineData("/relative", "absolute")]
    public async Task A_url_deliveries_may_not_reach_is_refused_with_the_reason_and_nothing_is_recorded(string url, string reason)
    {
        await using var api = await StartAsync("webhook_ssrf");
        var (_, key) = await api.CreateKeyAsync(await api.CreateAccountAsync());
        var refused = await api.SendAsync(HttpMethod.Post, "/v1/account/webhooks", Body(url, "credit.completed"), key);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Equal("invalid-webhook-url", refused.Code);
        Assert.Contains(reason, refused.Detail, StringComparison.OrdinalIgnoreCase);
        var list = await api.SendAsync(HttpMethod.Get, "/v1/account/webhooks", bearer: key);
        Assert.Empty(list.Json["endpoints"]!.AsArray());
    }

    [Fact]
    public async Task An_endpoint_is_created_with_its_secret_shown_once_listed_without_it_and_its_secret_rotates()
    {
        await using var api = await StartAsync("webhook_create");
        var (_, key) = await api.CreateKeyAsync(await api.CreateAccountAsync());
        var created = await api.SendAsync(HttpMethod.Post, "/v1/account/webhooks", Body("https://hooks.example.com/in", "credit.completed", "quote.payment_seen"), key);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var secret = created.Json["secret"]!.GetValue<string>();
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        var id = created.Json["id"]!.GetValue<long>();
        Assert.Equal($"/v1/account/webhooks/{id}", created.Location?.ToString());

        var listed = (await api.SendAsync(HttpMethod.Get, "/v1/account/webhooks", bearer: key)).Json["endpoints"]!.AsArray();
        var one = Assert.Single(listed)!;
        Assert.Null(one["secret"]);
        Assert.Equal("enabled", one["status"]!.GetValue<string>());
        Assert.Equal(["credit.completed", "quote.payment_seen"], one["events"]!.AsArray().Select(e => e!.GetValue<string>()));

        var rotated = await api.SendAsync(HttpMethod.Post, $"/v1/account/webhooks/{id}/rotate-secret", AccountRequests.Json(new { keepPreviousSeconds = 60 }), key);
        Assert.Equal(HttpStatusCode.OK, rotated.Status);
        Assert.NotEqual(secret, rotated.Json["secret"]!.GetValue<string>());
        Assert.NotNull(rotated.Json["previousSecretUntil"]);

        // another account sees none of it
        var (_, other) = await api.CreateKeyAsync(await api.CreateAccountAsync("Other Co"));
        Assert.Equal("webhook-not-found", (await api.SendAsync(HttpMethod.Get, $"/v1/account/webhooks/{id}", bearer: other)).Code);
        Assert.Equal("webhook-not-found", (await api.SendAsync(HttpMethod.Post, $"/v1/account/webhooks/{id}/test", bearer: other)).Code);
    }

    [Fact]
    public async Task Unknown_or_missing_event_types_and_requests_without_a_key_are_refused()
    {
        await using var api = await StartAsync("webhook_refusals");
        var (_, key) = await api.CreateKeyAsync(await api.CreateAccountAsync());
        var unknown = await api.SendAsync(HttpMethod.Post, "/v1/account/webhooks", Body("https://hooks.example.com/in", "credit.completed", "credit.exploded"), key);
        Assert.Equal("unknown-event-type", unknown.Code);
        Assert.Contains("'credit.exploded'", unknown.Detail, StringComparison.Ordinal);
        Assert.Contains("quote.payment_final", unknown.Detail, StringComparison.Ordinal); // the valid types are listed
        Assert.Equal("unknown-event-type", (await api.SendAsync(HttpMethod.Post, "/v1/account/webhooks", Body("https://hooks.example.com/in"), key)).Code);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.SendAsync(HttpMethod.Post, "/v1/account/webhooks", Body("https://hooks.example.com/in", "credit.completed"))).Status);
        // a quote asked for with a key that is not valid is refused, not made anonymous
        var quote = await api.SendAsync(HttpMethod.Post, "/v1/quotes", AccountRequests.Json(new { beneficiary = Wallets.Alice, payAsset = "ETH", oz = "1" }), "sbk_" + new string('x', 40));
        Assert.Equal(HttpStatusCode.Unauthorized, quote.Status);
    }

    [Fact]
    public async Task Loopback_is_accepted_only_where_the_devnet_allows_it()
    {
        await using var api = await StartAsync("webhook_loopback", allowLoopback: true);
        var (_, key) = await api.CreateKeyAsync(await api.CreateAccountAsync());
        var created = await api.SendAsync(HttpMethod.Post, "/v1/account/webhooks", Body("http://127.0.0.1:9/hooks", "credit.completed"), key);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("invalid-webhook-url", (await api.SendAsync(HttpMethod.Post, "/v1/account/webhooks", Body("http://10.0.0.1/hooks", "credit.completed"), key)).Code);
    }
}
