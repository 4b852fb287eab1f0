using System.Net;
using Microsoft.Extensions.Options;
using StratosBridge.Relayer.Configuration;
using StratosBridge.Tests.Integration.Api;

namespace StratosBridge.Tests.Integration.Accounts;

/// <summary>Operators' routes (<c>/v1/admin/…</c>, <c>GET /v1/payments</c>) answer only to a configured admin token.</summary>
public sealed class AdminAuthTests(ProblemApiFixture fixture) : IClassFixture<ProblemApiFixture>
{
    /// <summary>Every admin route, with a body where it takes one.</summary>
    public static TheoryData<string, string, string?> AdminRoutes => new()
    {
        { "POST", "/v1/admin/accounts", """{"name":"A","contactEmail":"a@b.example","wallet":"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed","monthlyLimitCents":1}""" },
        { "GET", "/v1/admin/accounts", null },
        { "GET", "/v1/admin/accounts/1", null },
        { "PATCH", "/v1/admin/accounts/1", """{"status":"on-hold"}""" },
        { "POST", "/v1/admin/accounts/1/keys", null },
        { "GET", "/v1/admin/accounts/1/keys", null },
        { "DELETE", "/v1/admin/accounts/1/keys/1", null },
        { "GET", "/v1/payments?status=unmatched", null },
    };

    private static void AssertProblem(ApiAnswer answer, HttpStatusCode status, string code, string detail)
    {
        Assert.True(answer.Status == status, $"{answer.Status} {answer.Raw}");
        Assert.Equal("application/problem+json", answer.ContentType);
        Assert.Equal((int)status, answer.Json["status"]!.GetValue<int>());
        Assert.Equal(code, answer.Code);
        Assert.Contains(detail, answer.Detail);
    }

    [Theory]
    [MemberData(nameof(AdminRoutes))]
    public async Task Without_an_admin_token_an_admin_route_is_401_admin_token_required(string method, string path, string? body)
    {
        var answer = await fixture.Api.SendAsync(new HttpMethod(method), path, body);

        AssertProblem(answer, HttpStatusCode.Unauthorized, "admin-token-required", "Authorization: Bearer <admin token>");
        Assert.Equal("Bearer realm=\"StratosBridge\"", answer.WwwAuthenticate);
    }

    [Theory]
    [MemberData(nameof(AdminRoutes))]
    public async Task With_a_wrong_token_an_admin_route_is_401_invalid_admin_token(string method, string path, string? body)
    {
        foreach (var wrong in new[] { AdminSettings.Token + "x", AdminSettings.Token[..^1], AdminSettings.Token.ToUpperInvariant(), "sbk_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8" })
        {
            var answer = await fixture.Api.SendAsync(new HttpMethod(method), path, body, wrong);

            AssertProblem(answer, HttpStatusCode.Unauthorized, "invalid-admin-token", "not one of the configured admin tokens");
            Assert.Equal("Bearer realm=\"StratosBridge\", error=\"invalid_token\"", answer.WwwAuthenticate);
        }
    }

    [Fact]
    public async Task The_operators_payment_list_needs_the_admin_token_and_public_routes_do_not()
    {
        var without = await fixture.Api.SendAsync(HttpMethod.Get, "/v1/payments");
        var with = await fixture.Api.SendAsync(HttpMethod.Get, "/v1/payments", bearer: AdminSettings.Token);
        var quote = await fixture.Api.SendAsync(HttpMethod.Get, $"/v1/quotes/{Wallets.TxHash(7)}");
        var credits = await fixture.Api.SendAsync(HttpMethod.Get, $"/v1/wallets/{Wallets.Alice}/credits");
        var chains = await fixture.Api.SendAsync(HttpMethod.Get, "/v1/chains");

        AssertProblem(without, HttpStatusCode.Unauthorized, "admin-token-required", "Bearer");
        Assert.True(with.Status == HttpStatusCode.OK, with.Raw);
        Assert.Empty(with.Json["payments"]!.AsArray());
        Assert.Equal("quote-not-found", quote.Code); // reached the handler: no auth on quotes
        Assert.Equal(HttpStatusCode.OK, credits.Status);
        Assert.Equal(HttpStatusCode.OK, chains.Status);
    }

    [Fact]
    public async Task With_no_admin_token_configured_every_admin_route_is_403_admin_disabled()
    {
        await using var api = await InProcessApi.StartAsync("admin_disabled", new Dictionary<string, string?>());

        foreach (var row in AdminRoutes)
        {
            var (method, path, body) = ((string)row[0], (string)row[1], (string?)row[2]);
            foreach (var bearer in new[] { null, AdminSettings.Token })
            {
                var answer = await api.SendAsync(new HttpMethod(method), path, body, bearer);

                AssertProblem(answer, HttpStatusCode.Forbidden, "admin-disabled", "set the environment variable Admin__Tokens__0");
                Assert.Equal("", answer.WwwAuthenticate);
            }
        }
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(HttpMethod.Get, "/v1/chains")).Status);
    }

    [Fact]
    public async Task Any_of_several_tokens_opens_the_admin_routes()
    {
        const string second = "second-admin-token-for-rotation-000000000";
        await using var api = await InProcessApi.StartAsync("admin_two_tokens",
            new Dictionary<string, string?> { ["Admin:Tokens:0"] = AdminSettings.Token, ["Admin:Tokens:1"] = second });

        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(HttpMethod.Get, "/v1/admin/accounts", bearer: AdminSettings.Token)).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(HttpMethod.Get, "/v1/admin/accounts", bearer: second)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.SendAsync(HttpMethod.Get, "/v1/admin/accounts", bearer: second + "0")).Status);
    }

    [Fact]
    public async Task A_short_admin_token_stops_start_up_naming_its_key()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => InProcessApi.StartAsync("admin_short",
            new Dictionary<string, string?> { ["Admin:Tokens:0"] = AdminSettings.Token, ["Admin:Tokens:1"] = "short-secret" }));

        var message = Assert.Single(failure.Failures);
        Assert.StartsWith("Admin:Tokens:1: an admin token must be at least 32 characters, this one has 12", message);
        Assert.DoesNotContain("short-secret", message);
    }

    [Fact]
    public async Task A_single_value_for_the_token_list_stops_start_up()
    {
        var failure = await Assert.ThrowsAsync<ConfigurationKeyException>(() => InProcessApi.StartAsync("admin_scalar",
            new Dictionary<string, string?> { ["Admin:Tokens"] = AdminSettings.Token }));

        Assert.Equal("Admin:Tokens", failure.Key);
        Assert.Contains("Admin__Tokens__0", failure.Message);
    }
}
