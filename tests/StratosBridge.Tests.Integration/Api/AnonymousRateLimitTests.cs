using System.Globalization;
using System.Net;
using StratosBridge.Api.RateLimiting;
using StratosBridge.Tests.Integration.Accounts;

namespace StratosBridge.Tests.Integration.Api;

/// <summary>
/// The anonymous routes are rate-limited per client address (ASP.NET Core's rate limiter): over the limit a client gets
/// 429 <c>rate-limited</c> with <c>Retry-After</c>; other clients, operators (admin token) and businesses (API key) do not.
/// Limits are counted per fixed window, so a test sends until refused (a window may roll over on a slow machine) instead
/// of counting on the n-th request.
/// </summary>
public sealed class AnonymousRateLimitTests
{
    private static readonly IPAddress Flooder = IPAddress.Parse("203.0.113.7");
    private static readonly IPAddress Neighbour = IPAddress.Parse("198.51.100.20");

    /// <summary>Sends until the first 429 (at most a few windows' worth); that answer and how many were let through before it.</summary>
    private static async Task<(ApiAnswer Refused, int Allowed)> FloodAsync(InProcessApi api, IPAddress client, HttpMethod method, string path,
        int limit, string? json = null)
    {
        var allowed = 0;
        for (var i = 0; i < limit * 4; i++)
        {
            var answer = await api.SendFromAsync(client, method, path, json);
            if (answer.Status == HttpStatusCode.TooManyRequests)
            {
                return (answer, allowed);
            }
            allowed++;
        }
        throw new Xunit.Sdk.XunitException($"{limit * 4} requests to {method} {path} from {client} and none was refused");
    }

    private static void AssertRateLimited(ApiAnswer refused, TimeSpan window)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal("application/problem+json", refused.ContentType);
        Assert.Equal(AnonymousRateLimits.RateLimited, refused.Code);
        Assert.Equal(429, refused.Json["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(refused.Json["title"]?.GetValue<string>()));
        Assert.Contains("try again in", refused.Detail);
        Assert.NotNull(refused.RetryAfter);
        var seconds = int.Parse(refused.RetryAfter, NumberStyles.None, CultureInfo.InvariantCulture);
        Assert.InRange(seconds, 1, (int)window.TotalSeconds);
    }

    [Fact]
    public async Task Quotes_from_one_address_are_refused_429_over_the_default_limit_while_another_address_and_an_operator_get_through()
    {
        await using var api = await InProcessApi.StartAsync("rate_quotes_default", AdminSettings.With(ApiChains.Settings), generousRateLimits: false);
        var defaults = new RateLimitOptions().Quotes;
        const string notAQuote = """{"beneficiary":"not an address"}"""; // refused after the limiter, so it still counts

        var (refused, allowed) = await FloodAsync(api, Flooder, HttpMethod.Post, "/v1/quotes", defaults.PermitLimit, notAQuote);
        var neighbour = await api.SendFromAsync(Neighbour, HttpMethod.Post, "/v1/quotes", notAQuote);
        var operatorCall = await api.SendFromAsync(Flooder, HttpMethod.Post, "/v1/quotes", notAQuote, AdminSettings.Token);

        Assert.True(allowed >= defaults.PermitLimit, $"only {allowed} requests were let through before a 429; the default limit is {defaults.PermitLimit}");
        AssertRateLimited(refused, defaults.Window);
        Assert.True(neighbour.Status != HttpStatusCode.TooManyRequests && (int)neighbour.Status < 500, $"another address: {neighbour.Status} {neighbour.Raw}");
        Assert.True(operatorCall.Status != HttpStatusCode.TooManyRequests && (int)operatorCall.Status < 500, $"an operator: {operatorCall.Status} {operatorCall.Raw}");
    }

    [Fact]
    public async Task Lookups_over_the_limit_are_refused_but_not_for_other_addresses_operators_or_a_business_with_its_api_key()
    {
        var settings = new Dictionary<string, string?>(AdminSettings.With(ApiChains.Settings))
        {
            ["RateLimits:Lookups:PermitLimit"] = "5",
            ["RateLimits:Lookups:Window"] = "01:00:00",
        };
        await using var api = await InProcessApi.StartAsync("rate_lookups", settings);
        var quote = await api.Payments.QuoteAsync(Wallets.Alice);
        var (_, key) = await api.CreateKeyAsync(await api.CreateAccountAsync());

        var (refused, allowed) = await FloodAsync(api, Flooder, HttpMethod.Get, $"/v1/quotes/{quote.Id}", 5);
        var otherLookup = await api.SendFromAsync(Flooder, HttpMethod.Get, "/v1/wallets/" + Wallets.Alice + "/transfers");
        var neighbour = await api.SendFromAsync(Neighbour, HttpMethod.Get, $"/v1/quotes/{quote.Id}");
        var ipv6Client = await api.SendFromAsync(IPAddress.Parse("2001:db8:1:2::1"), HttpMethod.Get, $"/v1/quotes/{quote.Id}");
        var business = await api.SendFromAsync(Flooder, HttpMethod.Get, $"/v1/quotes/{quote.Id}", bearer: key);
        var operatorStatus = await api.SendFromAsync(Flooder, HttpMethod.Get, "/v1/status", bearer: AdminSettings.Token);
        var fakeKey = await api.SendFromAsync(Flooder, HttpMethod.Get, $"/v1/quotes/{quote.Id}", bearer: "sbk_" + new string('x', 43));
        var operatorRoute = await api.SendFromAsync(Flooder, HttpMethod.Get, "/v1/admin/accounts", bearer: AdminSettings.Token);

        Assert.Equal(5, allowed);
        AssertRateLimited(refused, TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.TooManyRequests, otherLookup.Status); // one budget for all lookups of an address
        Assert.Equal(HttpStatusCode.OK, neighbour.Status);
        Assert.Equal(HttpStatusCode.OK, ipv6Client.Status);
        Assert.Equal(HttpStatusCode.OK, business.Status);
        Assert.Equal(HttpStatusCode.OK, operatorStatus.Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, fakeKey.Status); // a made-up key is anonymous
        Assert.Equal(HttpStatusCode.OK, operatorRoute.Status);
    }

    [Fact]
    public void An_ipv6_client_is_one_address_per_64_bit_prefix_and_an_ipv4_mapped_one_is_its_ipv4_address()
    {
        Assert.Equal(AnonymousRateLimits.ClientKey(IPAddress.Parse("2001:db8:1:2::1")), AnonymousRateLimits.ClientKey(IPAddress.Parse("2001:db8:1:2:ffff::9")));
        Assert.NotEqual(AnonymousRateLimits.ClientKey(IPAddress.Parse("2001:db8:1:2::1")), AnonymousRateLimits.ClientKey(IPAddress.Parse("2001:db8:1:3::1")));
        Assert.Equal("203.0.113.7", AnonymousRateLimits.ClientKey(IPAddress.Parse("::ffff:203.0.113.7")));
    }

    [Fact]
    public async Task Limits_are_validated_at_start_up_and_named_by_key()
    {
        var settings = new Dictionary<string, string?>(ApiChains.Settings)
        {
            ["RateLimits:Quotes:PermitLimit"] = "0",
            ["RateLimits:Lookups:Window"] = "00:00:00",
        };

        var e = await Assert.ThrowsAnyAsync<Exception>(() => InProcessApi.StartAsync("rate_invalid", settings));

        Assert.Contains("RateLimits:Quotes:PermitLimit", e.ToString());
        Assert.Contains("RateLimits:Lookups:Window", e.ToString());
    }
}
