using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using StratosBridge.Tests.Integration.Api;
using StratosBridge.Tests.Integration.Quotes;
using StratosBridge.TestKit;
using StratosBridge.TestKit.Stripe;
using static StratosBridge.Tests.Integration.Api.Wallets;

namespace StratosBridge.Tests.Integration.Accounts;

/// <summary>
/// dApp accounts: made by the same admin flow as businesses, with an optional wallet and no card limit; their API keys
/// authenticate the same routes; a quote made with a dApp's key is the dApp's (anonymous quotes stay anonymous); card
/// checkouts refuse a dApp's key in words and record nothing.
/// </summary>
public sealed class DappAccountTests
{
    private static void AssertOk(ApiAnswer answer, HttpStatusCode expected = HttpStatusCode.OK) =>
        Assert.True(answer.Status == expected, $"{answer.Status} {answer.Raw}");

    [Fact]
    public async Task A_dapp_account_is_made_without_a_wallet_listed_by_kind_and_its_key_reads_its_own_account()
    {
        await using var api = await InProcessApi.StartAsync("accounts_dapp", AdminSettings.With(new Dictionary<string, string?>()));
        var dapp = await api.AdminAsync(HttpMethod.Post, "/v1/admin/accounts", new { kind = "dapp", name = "Pixel dApp", contactEmail = "dev@pixel.example" });
        var withWallet = await api.AdminAsync(HttpMethod.Post, "/v1/admin/accounts", new { kind = "dapp", name = "Treasury dApp", contactEmail = "t@dapp.example", wallet = Bob });
        var business = await api.CreateAccountAsync();

        AssertOk(dapp, HttpStatusCode.Created);
        Assert.Equal("dapp", dapp.Json["kind"]!.GetValue<string>());
        Assert.Null(dapp.Json["wallet"]);
        Assert.Equal(0, dapp.Json["monthlyLimitCents"]!.GetValue<long>());
        AssertOk(withWallet, HttpStatusCode.Created);
        Assert.Equal(Bob, withWallet.Json["wallet"]!["hex"]!.GetValue<string>());
        Assert.Equal("business", (await api.AdminAsync(HttpMethod.Get, $"/v1/admin/accounts/{business}")).Json["kind"]!.GetValue<string>());

        var dapps = await api.AdminAsync(HttpMethod.Get, "/v1/admin/accounts?kind=dapp");
        Assert.Equal([withWallet.Json["id"]!.GetValue<long>(), dapp.Json["id"]!.GetValue<long>()],
            dapps.Json["accounts"]!.AsArray().Select(a => a!["id"]!.GetValue<long>()));
        Assert.Equal([business], (await api.AdminAsync(HttpMethod.Get, "/v1/admin/accounts?kind=business")).Json["accounts"]!.AsArray().Select(a => a!["id"]!.GetValue<long>()));

        var (_, key) = await api.CreateKeyAsync(dapp.Json["id"]!.GetValue<long>(), "checkout page");
        var own = await api.SendAsync(HttpMethod.Get, "/v1/account", bearer: key);
        AssertOk(own);
        Assert.Equal("dapp", own.Json["kind"]!.GetValue<string>());
        Assert.Null(own.Json["wallet"]);
        // the same webhooks as a business
        AssertOk(await api.SendAsync(HttpMethod.Post, "/v1/account/webhooks",
            AccountRequests.Json(new { url = "https://hooks.pixel.example/in", events = new[] { "credit.completed" } }), key), HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("""{"kind":"bank","name":"X","contactEmail":"x@x.example","wallet":"ALICE","monthlyLimitUsd":"1"}""", "invalid-kind", "'bank'")]
    [InlineData("""{"kind":"Dapp","name":"X","contactEmail":"x@x.example"}""", "invalid-kind", "business or dapp")]
    [InlineData("""{"kind":"business","name":"X","contactEmail":"x@x.example","monthlyLimitUsd":"1"}""", "invalid-wallet", "card payments credit it")]
    [InlineData("""{"name":"X","contactEmail":"x@x.example","monthlyLimitUsd":"1"}""", "invalid-wallet", "card payments credit it")]
    [InlineData("""{"kind":"dapp","name":"X","contactEmail":"x@x.example","wallet":"st1nothing"}""", "invalid-wallet", "wallet")]
    [InlineData("""{"kind":"dapp","name":"X","contactEmail":"x@x.example","monthlyLimitUsd":"10"}""", "invalid-limit", "no monthly card limit")]
    [InlineData("""{"kind":"dapp","name":"","contactEmail":"x@x.example"}""", "invalid-name", "name")]
    public async Task Bad_account_input_by_kind_is_refused_with_its_code_and_nothing_is_made(string body, string code, string detail)
    {
        await using var api = await InProcessApi.StartAsync("accounts_dapp_bad", AdminSettings.With(new Dictionary<string, string?>()));
        var refused = await api.AdminAsync(HttpMethod.Post, "/v1/admin/accounts", body.Replace("ALICE", Alice, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Equal(code, refused.Code);
        Assert.Contains(detail, refused.Detail, StringComparison.Ordinal);
        Assert.Empty((await api.AdminAsync(HttpMethod.Get, "/v1/admin/accounts")).Json["accounts"]!.AsArray());
    }

    [Fact]
    public async Task A_dapps_limit_cannot_be_set_and_an_unknown_kind_filter_is_refused()
    {
        await using var api = await InProcessApi.StartAsync("accounts_dapp_patch", AdminSettings.With(new Dictionary<string, string?>()));
        var id = (await api.AdminAsync(HttpMethod.Post, "/v1/admin/accounts", new { kind = "dapp", name = "Pixel", contactEmail = "dev@pixel.example" })).Json["id"]!.GetValue<long>();
        var limit = await api.AdminAsync(HttpMethod.Patch, $"/v1/admin/accounts/{id}", new { monthlyLimitUsd = "100" });
        Assert.Equal("invalid-limit", limit.Code);
        Assert.Contains("dApp account", limit.Detail, StringComparison.Ordinal);
        AssertOk(await api.AdminAsync(HttpMethod.Patch, $"/v1/admin/accounts/{id}", new { wallet = Carol })); // a wallet may be added
        Assert.Equal(0, (await api.AdminAsync(HttpMethod.Get, $"/v1/admin/accounts/{id}")).Json["monthlyLimitCents"]!.GetValue<long>());
        var kind = await api.AdminAsync(HttpMethod.Patch, $"/v1/admin/accounts/{id}", new { kind = "business" }); // never changes
        Assert.Equal(HttpStatusCode.BadRequest, kind.Status);
        Assert.Equal("invalid-json", kind.Code);
        Assert.Equal("invalid-kind", (await api.AdminAsync(HttpMethod.Get, "/v1/admin/accounts?kind=shop")).Code);
    }

    [Fact]
    public async Task A_quote_made_with_a_dapps_key_is_the_dapps_an_anonymous_one_nobodys_and_a_card_checkout_is_refused()
    {
        await using var stripe = await StripeFake.StartAsync();
        var settings = new Dictionary<string, string?>(stripe.Configuration())
        {
            ["Fiat:Enabled"] = "true",
            ["Fiat:PublicBaseUrl"] = "http://127.0.0.1/",
            ["Admin:Tokens:0"] = AdminSettings.Token,
        };
        await using var h = await PricingHarness.StartAsync("accounts_dapp_quotes", settings);
        await h.WarmAsync();
        using var admin = new HttpClient { BaseAddress = h.Url };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminSettings.Token);
        var account = await (await admin.PostAsJsonAsync("/v1/admin/accounts", new { kind = "dapp", name = "Pixel", contactEmail = "dev@pixel.example" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var accountId = account.GetProperty("id").GetInt64();
        var key = (await (await admin.PostAsync($"/v1/admin/accounts/{accountId}/keys", null)).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("key").GetString()!;
        using var dapp = new HttpClient { BaseAddress = h.Url };
        dapp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        using var owned = await dapp.PostAsJsonAsync("/v1/quotes", new { beneficiary = Alice, payAsset = "ETH", oz = "1" });
        Assert.Equal(HttpStatusCode.Created, owned.StatusCode);
        var ownedId = (await owned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var (status, anonymous) = await h.PostQuoteAsync(new { beneficiary = Alice, payAsset = "ETH", oz = "1" });
        Assert.Equal(201, status);
        Assert.Equal(accountId, await AccountOfQuoteAsync(h, ownedId));
        Assert.Null(await AccountOfQuoteAsync(h, anonymous.GetProperty("id").GetString()!));

        using var checkout = await dapp.PostAsJsonAsync("/v1/fiat/checkout-sessions",
            new { usd = "5", successUrl = "https://pixel.example/ok", cancelUrl = "https://pixel.example/no" });
        var problem = await checkout.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.Forbidden, checkout.StatusCode);
        Assert.Equal("business-account-required", problem.GetProperty("code").GetString());
        Assert.Contains("POST /v1/quotes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await using var conn = new NpgsqlConnection(h.Database.ConnectionString);
        await conn.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM checkout_sessions", conn);
        Assert.Equal(0L, await count.ExecuteScalarAsync());
        Assert.Empty(stripe.Requests);
    }

    private static async Task<long?> AccountOfQuoteAsync(PricingHarness h, string quoteId)
    {
        await using var conn = new NpgsqlConnection(h.Database.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT account_id FROM quotes WHERE id = $1", conn) { Parameters = { new() { Value = quoteId } } };
        return await cmd.ExecuteScalarAsync() is long id ? id : null;
    }
}
