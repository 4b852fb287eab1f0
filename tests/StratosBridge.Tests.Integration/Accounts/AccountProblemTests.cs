using System.Net;
using StratosBridge.Tests.Integration.Api;
using static StratosBridge.Tests.Integration.Api.Wallets;

namespace StratosBridge.Tests.Integration.Accounts;

/// <summary>Every refusal of the account routes is a ProblemDetails with its stable code, and changes nothing.</summary>
public sealed class AccountProblemTests(ProblemApiFixture fixture) : IClassFixture<ProblemApiFixture>
{
    private const string ValidName = "\"name\":\"Acme\"";
    private const string ValidEmail = "\"contactEmail\":\"ops@acme.example\"";
    private const string ValidWallet = "\"wallet\":\"" + Alice + "\"";
    private const string ValidLimit = "\"monthlyLimitUsd\":\"100.00\"";

    private static string Create(string? name = ValidName, string? email = ValidEmail, string? wallet = ValidWallet, string? limit = ValidLimit) =>
        "{" + string.Join(",", new[] { name, email, wallet, limit }.Where(p => p is not null)) + "}";

    public static TheoryData<string, HttpStatusCode, string, string> CreateProblems => new()
    {
        { "{", HttpStatusCode.BadRequest, "invalid-json", "expected a JSON object {name, contactEmail, wallet" },
        { "null", HttpStatusCode.BadRequest, "invalid-json", "got null" },
        { "[1]", HttpStatusCode.BadRequest, "invalid-json", "expected a JSON object" },
        { Create() + " {}", HttpStatusCode.BadRequest, "invalid-json", "expected a JSON object" },
        { Create(limit: "\"monthly_limit_usd\":\"1\""), HttpStatusCode.BadRequest, "invalid-json", "monthly_limit_usd" },
        { Create(name: null), HttpStatusCode.UnprocessableEntity, "invalid-name", "name must have 1 to 200 characters" },
        { Create(name: "\"name\":\"   \""), HttpStatusCode.UnprocessableEntity, "invalid-name", "1 to 200" },
        { Create(name: $"\"name\":\"{new string('n', 201)}\""), HttpStatusCode.UnprocessableEntity, "invalid-name", "1 to 200" },
        { Create(name: "\"name\":\"Acme\\nEvil\""), HttpStatusCode.UnprocessableEntity, "invalid-name", "control characters" },
        { Create(name: "\"name\":\"Acme\\u0000\""), HttpStatusCode.UnprocessableEntity, "invalid-name", "control characters" },
        { Create(email: null), HttpStatusCode.UnprocessableEntity, "invalid-email", "is not an e-mail address" },
        { Create(email: "\"contactEmail\":\"ops.acme.example\""), HttpStatusCode.UnprocessableEntity, "invalid-email", "'ops.acme.example' is not an e-mail address" },
        { Create(email: "\"contactEmail\":\"ops@acme\""), HttpStatusCode.UnprocessableEntity, "invalid-email", "not an e-mail address" },
        { Create(email: "\"contactEmail\":\"ops@@acme.example\""), HttpStatusCode.UnprocessableEntity, "invalid-email", "not an e-mail address" },
        { Create(email: "\"contactEmail\":\"o ps@acme.example\""), HttpStatusCode.UnprocessableEntity, "invalid-email", "not an e-mail address" },
        { Create(email: "\"contactEmail\":\"@acme.example\""), HttpStatusCode.UnprocessableEntity, "invalid-email", "not an e-mail address" },
        { Create(email: "\"contactEmail\":\"ops@.example\""), HttpStatusCode.UnprocessableEntity, "invalid-email", "not an e-mail address" },
        { Create(wallet: null), HttpStatusCode.UnprocessableEntity, "invalid-wallet", "wallet: an address is required" },
        { Create(wallet: "\"wallet\":\"0x1234\""), HttpStatusCode.UnprocessableEntity, "invalid-wallet", "40 hex digits" },
        { Create(wallet: "\"wallet\":\"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD\""), HttpStatusCode.UnprocessableEntity, "invalid-wallet", "EIP-55" },
        { Create(wallet: "\"wallet\":\"st1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5e5ajfq\""), HttpStatusCode.UnprocessableEntity, "invalid-wallet", "wallet:" },
        { Create(wallet: "\"wallet\":\"cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu\""), HttpStatusCode.UnprocessableEntity, "invalid-wallet", "wallet:" },
        { Create(wallet: "\"wallet\":\"0x0000000000000000000000000000000000000000\""), HttpStatusCode.UnprocessableEntity, "invalid-wallet", "the zero account" },
        { Create(limit: null), HttpStatusCode.UnprocessableEntity, "invalid-limit", "the monthly card limit is required" },
        { Create(limit: "\"monthlyLimitUsd\":\"100.001\""), HttpStatusCode.UnprocessableEntity, "invalid-limit", "at most 2 decimals" },
        { Create(limit: "\"monthlyLimitUsd\":\"-5\""), HttpStatusCode.UnprocessableEntity, "invalid-limit", "at most 2 decimals" },
        { Create(limit: "\"monthlyLimitUsd\":\"1e3\""), HttpStatusCode.UnprocessableEntity, "invalid-limit", "'1e3'" },
        { Create(limit: "\"monthlyLimitUsd\":\"ten\""), HttpStatusCode.UnprocessableEntity, "invalid-limit", "'ten'" },
        { Create(limit: "\"monthlyLimitUsd\":\"\""), HttpStatusCode.UnprocessableEntity, "invalid-limit", "monthlyLimitUsd ''" },
        { Create(limit: "\"monthlyLimitUsd\":true"), HttpStatusCode.UnprocessableEntity, "invalid-limit", "'true'" },
        { Create(limit: "\"monthlyLimitUsd\":\"10000000001.00\""), HttpStatusCode.UnprocessableEntity, "invalid-limit", "above the highest limit, 10000000000.00" },
        { Create(limit: "\"monthlyLimitCents\":-1"), HttpStatusCode.UnprocessableEntity, "invalid-limit", "whole number of cents" },
        { Create(limit: "\"monthlyLimitCents\":1.5"), HttpStatusCode.UnprocessableEntity, "invalid-limit", "'1.5'" },
        { Create(limit: "\"monthlyLimitCents\":1000000000001"), HttpStatusCode.UnprocessableEntity, "invalid-limit", "from 0 to 1000000000000" },
        { Create(limit: "\"monthlyLimitCents\":99999999999999999999999"), HttpStatusCode.UnprocessableEntity, "invalid-limit", "whole number of cents" },
        { Create(limit: "\"monthlyLimitCents\":1,\"monthlyLimitUsd\":\"1\""), HttpStatusCode.UnprocessableEntity, "invalid-limit", "not both" },
    };

    [Theory]
    [MemberData(nameof(CreateProblems))]
    public async Task A_bad_account_is_refused_with_its_code_and_not_created(string body, HttpStatusCode expected, string code, string detail)
    {
        var before = await CountAsync();

        var answer = await fixture.Api.AdminAsync(HttpMethod.Post, "/v1/admin/accounts", body);

        AssertProblem(answer, expected, code, detail);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_400_invalid_json()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/admin/accounts")
        {
            Content = new StringContent("name=Acme", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminSettings.Token);
        using var response = await fixture.Api.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"code\":\"invalid-json\"", await response.Content.ReadAsStringAsync());
    }

    public static TheoryData<string, string, string> PatchProblems => new()
    {
        { "{\"name\":\"\"}", "invalid-name", "1 to 200" },
        { "{\"contactEmail\":\"nobody\"}", "invalid-email", "'nobody' is not an e-mail address" },
        { "{\"wallet\":\"0x0000000000000000000000000000000000000000\"}", "invalid-wallet", "the zero account" },
        { "{\"wallet\":\"st1nope\"}", "invalid-wallet", "wallet:" },
        { "{\"monthlyLimitUsd\":\"1.234\"}", "invalid-limit", "at most 2 decimals" },
        { "{\"monthlyLimitCents\":\"-3\"}", "invalid-limit", "whole number of cents" },
        { "{\"status\":\"suspended\"}", "invalid-status", "status 'suspended' is not an account status: use active or on-hold" },
        { "{\"status\":\"On-Hold\"}", "invalid-status", "'On-Hold'" },
        { "{\"status\":\"on-hold\",\"note\":\"" + new string('x', 2001) + "\"}", "invalid-note", "at most 2000" },
        { "{\"note\":\"bell\\u0007\"}", "invalid-note", "control characters" },
    };

    [Theory]
    [MemberData(nameof(PatchProblems))]
    public async Task A_bad_change_is_refused_with_its_code_and_changes_nothing(string body, string code, string detail)
    {
        var id = await fixture.Api.CreateAccountAsync();
        var before = (await fixture.Api.AdminAsync(HttpMethod.Get, $"/v1/admin/accounts/{id}")).Raw;

        var answer = await fixture.Api.AdminAsync(HttpMethod.Patch, $"/v1/admin/accounts/{id}", body);

        AssertProblem(answer, HttpStatusCode.UnprocessableEntity, code, detail);
        Assert.Equal(before, (await fixture.Api.AdminAsync(HttpMethod.Get, $"/v1/admin/accounts/{id}")).Raw);
    }

    [Fact]
    public async Task Unknown_accounts_and_keys_are_404_with_their_codes()
    {
        var id = await fixture.Api.CreateAccountAsync();
        var (keyId, _) = await fixture.Api.CreateKeyAsync(id);
        const long missing = 987_654_321;

        var cases = new (HttpMethod Method, string Path, string? Body, string Code, string Detail)[]
        {
            (HttpMethod.Get, $"/v1/admin/accounts/{missing}", null, "account-not-found", $"no business account '{missing}'"),
            (HttpMethod.Get, "/v1/admin/accounts/abc", null, "account-not-found", "no business account 'abc'"),
            (HttpMethod.Get, "/v1/admin/accounts/-1", null, "account-not-found", "'-1'"),
            (HttpMethod.Get, "/v1/admin/accounts/99999999999999999999", null, "account-not-found", "'99999999999999999999'"),
            (HttpMethod.Patch, $"/v1/admin/accounts/{missing}", "{\"name\":\"X\"}", "account-not-found", $"'{missing}'"),
            (HttpMethod.Post, $"/v1/admin/accounts/{missing}/keys", null, "account-not-found", $"'{missing}'"),
            (HttpMethod.Get, $"/v1/admin/accounts/{missing}/keys", null, "account-not-found", $"'{missing}'"),
            (HttpMethod.Delete, $"/v1/admin/accounts/{missing}/keys/{keyId}", null, "account-not-found", $"'{missing}'"),
            (HttpMethod.Delete, $"/v1/admin/accounts/{id}/keys/{keyId + 1000}", null, "key-not-found", $"account {id} has no API key '{keyId + 1000}'"),
            (HttpMethod.Delete, $"/v1/admin/accounts/{id}/keys/first", null, "key-not-found", "'first'"),
        };
        foreach (var (method, path, body, code, detail) in cases)
        {
            AssertProblem(await fixture.Api.AdminAsync(method, path, body), HttpStatusCode.NotFound, code, detail);
        }
    }

    [Fact]
    public async Task Bad_labels_statuses_and_pages_are_refused()
    {
        var id = await fixture.Api.CreateAccountAsync();

        AssertProblem(await fixture.Api.AdminAsync(HttpMethod.Post, $"/v1/admin/accounts/{id}/keys", new { label = new string('l', 101) }),
            HttpStatusCode.UnprocessableEntity, "invalid-label", "at most 100 characters");
        AssertProblem(await fixture.Api.AdminAsync(HttpMethod.Post, $"/v1/admin/accounts/{id}/keys", "{\"name\":\"x\"}"),
            HttpStatusCode.BadRequest, "invalid-json", "{label?}");
        AssertProblem(await fixture.Api.AdminAsync(HttpMethod.Get, "/v1/admin/accounts?status=closed"),
            HttpStatusCode.UnprocessableEntity, "invalid-status", "status 'closed' is not an account status");
        AssertProblem(await fixture.Api.AdminAsync(HttpMethod.Get, "/v1/admin/accounts?limit=0"),
            HttpStatusCode.UnprocessableEntity, "invalid-limit", "from 1 to 200");
        AssertProblem(await fixture.Api.AdminAsync(HttpMethod.Get, "/v1/admin/accounts?before=x"),
            HttpStatusCode.UnprocessableEntity, "invalid-limit", "before 'x' is not a cursor");
        Assert.Empty((await fixture.Api.AdminAsync(HttpMethod.Get, $"/v1/admin/accounts/{id}/keys")).Json["keys"]!.AsArray());
    }

    private static void AssertProblem(ApiAnswer answer, HttpStatusCode expected, string code, string detail)
    {
        Assert.True(answer.Status == expected, $"{answer.Status} {answer.Raw}");
        Assert.Equal("application/problem+json", answer.ContentType);
        Assert.Equal((int)expected, answer.Json["status"]!.GetValue<int>());
        Assert.Equal(code, answer.Code);
        Assert.False(string.IsNullOrEmpty(answer.Json["title"]?.GetValue<string>()));
        Assert.Contains(detail, answer.Detail);
    }

    private async Task<int> CountAsync() =>
        (await fixture.Api.AdminAsync(HttpMethod.Get, "/v1/admin/accounts?limit=200")).Json["accounts"]!.AsArray().Count;
}
