using System.Net;
using System.Text.Json.Nodes;
using Npgsql;
using StratosBridge.Chains.Stratos;
using StratosBridge.Tests.Integration.Api;
using static StratosBridge.Tests.Integration.Api.Wallets;

namespace StratosBridge.Tests.Integration.Accounts;

/// <summary>Operators manage business accounts and their keys under <c>/v1/admin</c>.</summary>
public sealed class AccountEndpointsTests
{
    private static Task<InProcessApi> StartAsync(string hint) =>
        InProcessApi.StartAsync(hint, AdminSettings.With(new Dictionary<string, string?>()));

    private static void AssertOk(ApiAnswer answer, HttpStatusCode expected = HttpStatusCode.OK) =>
        Assert.True(answer.Status == expected, $"{answer.Status} {answer.Raw}");

    private static long Id(JsonNode? node) => node!["id"]!.GetValue<long>();

    [Fact]
    public async Task An_account_is_created_from_usd_or_cents_and_shown_with_both_wallet_forms()
    {
        await using var api = await StartAsync("accounts_api_create");
        var stratos = StratosAddress.Parse(Bob).Bech32;

        var byUsd = await api.AdminAsync(HttpMethod.Post, "/v1/admin/accounts",
            new { name = "  Acme Storage  ", contactEmail = "ops@acme.example", wallet = Alice.ToLowerInvariant(), monthlyLimitUsd = "2500.5" });
        var byCents = await api.AdminAsync(HttpMethod.Post, "/v1/admin/accounts",
            """{"name":"Bits & Co","contactEmail":"billing@bits.example","wallet":"ST_WALLET","monthlyLimitCents":99}""".Replace("ST_WALLET", stratos));
        var byUsdNumber = await api.AdminAsync(HttpMethod.Post, "/v1/admin/accounts",
            """{"name":"Numbers Inc","contactEmail":"n@numbers.example","wallet":"0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB","monthlyLimitUsd":10.25}""");
        var read = await api.AdminAsync(HttpMethod.Get, $"/v1/admin/accounts/{Id(byUsd.Body)}");

        AssertOk(byUsd, HttpStatusCode.Created);
        var account = byUsd.Json;
        Assert.Equal($"/v1/admin/accounts/{Id(account)}", byUsd.Location?.OriginalString);
        Assert.Equal("Acme Storage", account["name"]!.GetValue<string>());
        Assert.Equal("ops@acme.example", account["contactEmail"]!.GetValue<string>());
        Assert.Equal(Alice, account["wallet"]!["hex"]!.GetValue<string>()); // EIP-55, whatever case was sent
        Assert.Equal(StratosAddress.Parse(Alice).Bech32, account["wallet"]!["bech32"]!.GetValue<string>());
        Assert.Equal(250_050, account["monthlyLimitCents"]!.GetValue<long>());
        Assert.Equal("2500.50", account["monthlyLimitUsd"]!.GetValue<string>());
        Assert.Equal("active", account["status"]!.GetValue<string>());
        Assert.Null(account["statusNote"]);
        Assert.Equal(account["createdAt"]!.GetValue<DateTimeOffset>(), account["updatedAt"]!.GetValue<DateTimeOffset>());
        AssertOk(read);
        Assert.True(JsonNode.DeepEquals(account, read.Json), $"{account} vs {read.Json}");

        AssertOk(byCents, HttpStatusCode.Created);
        Assert.Equal(Bob, byCents.Json["wallet"]!["hex"]!.GetValue<string>());
        Assert.Equal(stratos, byCents.Json["wallet"]!["bech32"]!.GetValue<string>());
        Assert.Equal(99, byCents.Json["monthlyLimitCents"]!.GetValue<long>());
        Assert.Equal("0.99", byCents.Json["monthlyLimitUsd"]!.GetValue<string>());
        AssertOk(byUsdNumber, HttpStatusCode.Created);
        Assert.Equal(1025, byUsdNumber.Json["monthlyLimitCents"]!.GetValue<long>());

        await using var connection = new NpgsqlConnection(api.Database.ConnectionString);
        await connection.OpenAsync();
        await using var stored = new NpgsqlCommand($"SELECT wallet FROM business_accounts WHERE id = {Id(byCents.Body)}", connection);
        Assert.Equal(Bob.ToLowerInvariant(), await stored.ExecuteScalarAsync()); // the ledger's form: 0x lower case
    }

    [Fact]
    public async Task Accounts_are_listed_newest_first_paged_and_by_status()
    {
        await using var api = await StartAsync("accounts_api_list");
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await api.CreateAccountAsync($"Account {i}"));
        }
        AssertOk(await api.AdminAsync(HttpMethod.Patch, $"/v1/admin/accounts/{ids[1]}", new { status = "on-hold", note = "review" }));

        var first = await api.AdminAsync(HttpMethod.Get, "/v1/admin/accounts?limit=2");
        var second = await api.AdminAsync(HttpMethod.Get, $"/v1/admin/accounts?limit=2&before={first.Json["next"]!.GetValue<string>()}");
        var onHold = await api.AdminAsync(HttpMethod.Get, "/v1/admin/accounts?status=on-hold");
        var all = await api.AdminAsync(HttpMethod.Get, "/v1/admin/accounts");

        Assert.Equal([ids[2], ids[1]], first.Json["accounts"]!.AsArray().Select(Id));
        Assert.Equal(ids[1].ToString(System.Globalization.CultureInfo.InvariantCulture), first.Json["next"]!.GetValue<string>());
        Assert.Equal([ids[0]], second.Json["accounts"]!.AsArray().Select(Id));
        Assert.Null(second.Json["next"]);
        Assert.Equal([ids[1]], onHold.Json["accounts"]!.AsArray().Select(Id));
        Assert.Equal("review", onHold.Json["accounts"]![0]!["statusNote"]!.GetValue<string>());
        Assert.Equal(3, all.Json["accounts"]!.AsArray().Count);
    }

    [Fact]
    public async Task Patch_changes_the_fields_given_and_keeps_the_others()
    {
        await using var api = await StartAsync("accounts_api_patch");
        var id = await api.CreateAccountAsync("Acme", Alice, "100.00");
        var before = (await api.AdminAsync(HttpMethod.Get, $"/v1/admin/accounts/{id}")).Json;

        var renamed = await api.AdminAsync(HttpMethod.Patch, $"/v1/admin/accounts/{id}",
            new { name = "Acme Storage Ltd", wallet = StratosAddress.Parse(Carol).Bech32, monthlyLimitCents = 5_000_000 });
        var emailed = await api.AdminAsync(HttpMethod.Patch, $"/v1/admin/accounts/{id}", new { contactEmail = "finance@acme.example", monthlyLimitUsd = "75" });
        var nothing = await api.AdminAsync(HttpMethod.Patch, $"/v1/admin/accounts/{id}", "{}");

        AssertOk(renamed);
        Assert.Equal("Acme Storage Ltd", renamed.Json["name"]!.GetValue<string>());
        Assert.Equal(Carol, renamed.Json["wallet"]!["hex"]!.GetValue<string>());
        Assert.Equal(5_000_000, renamed.Json["monthlyLimitCents"]!.GetValue<long>());
        Assert.Equal("50000.00", renamed.Json["monthlyLimitUsd"]!.GetValue<string>());
        Assert.Equal(before["contactEmail"]!.GetValue<string>(), renamed.Json["contactEmail"]!.GetValue<string>());
        Assert.True(renamed.Json["updatedAt"]!.GetValue<DateTimeOffset>() > before["updatedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(before["createdAt"]!.GetValue<DateTimeOffset>(), renamed.Json["createdAt"]!.GetValue<DateTimeOffset>());
        AssertOk(emailed);
        Assert.Equal("finance@acme.example", emailed.Json["contactEmail"]!.GetValue<string>());
        Assert.Equal("Acme Storage Ltd", emailed.Json["name"]!.GetValue<string>());
        Assert.Equal(7500, emailed.Json["monthlyLimitCents"]!.GetValue<long>());
        AssertOk(nothing);
        Assert.True(JsonNode.DeepEquals(emailed.Json, nothing.Json));
    }

    [Fact]
    public async Task An_account_goes_on_hold_and_back_to_active_only_with_a_note()
    {
        await using var api = await StartAsync("accounts_api_hold");
        var id = await api.CreateAccountAsync();
        var path = $"/v1/admin/accounts/{id}";

        var held = await api.AdminAsync(HttpMethod.Patch, path, new { status = "on-hold", note = "dispute dp_1 opened" });
        var noNote = await api.AdminAsync(HttpMethod.Patch, path, new { status = "active" });
        var blankNote = await api.AdminAsync(HttpMethod.Patch, path, new { status = "active", note = "   " });
        var stillHeld = await api.AdminAsync(HttpMethod.Get, path);
        var resolved = await api.AdminAsync(HttpMethod.Patch, path, new { status = "active", note = "dispute dp_1 won" });

        AssertOk(held);
        Assert.Equal("on-hold", held.Json["status"]!.GetValue<string>());
        Assert.Equal("dispute dp_1 opened", held.Json["statusNote"]!.GetValue<string>());
        foreach (var refused in new[] { noNote, blankNote })
        {
            Assert.True(refused.Status == HttpStatusCode.UnprocessableEntity, refused.Raw);
            Assert.Equal("note-required", refused.Code);
            Assert.Contains($"account {id} is on hold", refused.Detail);
        }
        Assert.Equal("on-hold", stillHeld.Json["status"]!.GetValue<string>());
        AssertOk(resolved);
        Assert.Equal("active", resolved.Json["status"]!.GetValue<string>());
        Assert.Equal("dispute dp_1 won", resolved.Json["statusNote"]!.GetValue<string>());

        await using var connection = new NpgsqlConnection(api.Database.ConnectionString);
        await connection.OpenAsync();
        await using var entries = new NpgsqlCommand($"SELECT kind, note FROM account_entries WHERE account_id = {id}", connection);
        await using var reader = await entries.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(("hold-resolved", "dispute dp_1 won"), (reader.GetString(0), reader.GetString(1)));
        Assert.False(await reader.ReadAsync());
    }

    [Fact]
    public async Task A_dapp_account_on_hold_gets_no_new_quotes_with_its_key_until_the_hold_is_resolved()
    {
        await using var api = await StartAsync("accounts_api_dapp_hold");
        var dapp = await api.AdminAsync(HttpMethod.Post, "/v1/admin/accounts", new { kind = "dapp", name = "Held dApp", contactEmail = "dev@held.example" });
        AssertOk(dapp, HttpStatusCode.Created);
        var key = (await api.AdminAsync(HttpMethod.Post, $"/v1/admin/accounts/{Id(dapp.Json)}/keys"))!.Json["key"]!.GetValue<string>();
        var quote = $$"""{"beneficiary":"{{Alice}}","payAsset":"ETH","oz":"1"}""";

        AssertOk(await api.AdminAsync(HttpMethod.Patch, $"/v1/admin/accounts/{Id(dapp.Json)}", new { status = "on-hold", note = "abuse report 17" }));
        var refused = await api.SendAsync(HttpMethod.Post, "/v1/quotes", quote, key);
        var anonymous = await api.SendAsync(HttpMethod.Post, "/v1/quotes", quote);
        AssertOk(await api.AdminAsync(HttpMethod.Patch, $"/v1/admin/accounts/{Id(dapp.Json)}", new { status = "active", note = "report 17 closed" }));
        var again = await api.SendAsync(HttpMethod.Post, "/v1/quotes", quote, key);

        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Equal("account-on-hold", refused.Code);
        Assert.Contains("abuse report 17", refused.Detail);
        Assert.Contains("payments to its open quotes are still credited", refused.Detail);
        // without the key, or once active, the quote goes on to pricing (no price sources here: 503, not the hold)
        Assert.True(anonymous.Code != "account-on-hold" && again.Code != "account-on-hold", $"{anonymous.Raw}\n{again.Raw}");
        Assert.Equal(anonymous.Status, again.Status);
    }

    [Fact]
    public async Task A_new_key_is_shown_once_and_lists_never_show_it()
    {
        await using var api = await StartAsync("accounts_api_keys");
        var id = await api.CreateAccountAsync();

        var created = await api.AdminAsync(HttpMethod.Post, $"/v1/admin/accounts/{id}/keys", new { label = "  checkout server " });
        var unlabelled = await api.AdminAsync(HttpMethod.Post, $"/v1/admin/accounts/{id}/keys");
        var key = created.Json["key"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(HttpMethod.Get, "/v1/account", bearer: key)).Status);
        var list = await api.AdminAsync(HttpMethod.Get, $"/v1/admin/accounts/{id}/keys");

        AssertOk(created, HttpStatusCode.Created);
        Assert.Equal("no-store", created.CacheControl);
        Assert.StartsWith("sbk_", key);
        Assert.Equal(47, key.Length);
        Assert.Equal(key[..12], created.Json["prefix"]!.GetValue<string>());
        Assert.Equal("checkout server", created.Json["label"]!.GetValue<string>());
        Assert.Equal(id, created.Json["accountId"]!.GetValue<long>());
        Assert.Contains("not shown again", created.Json["notice"]!.GetValue<string>());
        Assert.NotNull(created.Json["createdAt"]);
        AssertOk(unlabelled, HttpStatusCode.Created);
        Assert.Null(unlabelled.Json["label"]);
        Assert.NotEqual(key, unlabelled.Json["key"]!.GetValue<string>());

        AssertOk(list);
        var keys = list.Json["keys"]!.AsArray();
        Assert.Equal([Id(created.Body), Id(unlabelled.Body)], keys.Select(Id));
        Assert.DoesNotContain(key, list.Raw);
        Assert.DoesNotContain(key[12..], list.Raw);
        Assert.DoesNotContain(unlabelled.Json["key"]!.GetValue<string>()[12..], list.Raw);
        Assert.Equal(["id", "prefix", "label", "status", "createdAt", "lastUsedAt", "revokedAt"],
            keys[0]!.AsObject().Select(p => p.Key));
        Assert.Equal("active", keys[0]!["status"]!.GetValue<string>());
        Assert.NotNull(keys[0]!["lastUsedAt"]); // it was just used
        Assert.Null(keys[1]!["lastUsedAt"]);
        Assert.Null(keys[0]!["revokedAt"]);
    }

    [Fact]
    public async Task Revoking_twice_is_204_and_keeps_the_first_revocation_time()
    {
        await using var api = await StartAsync("accounts_api_revoke");
        var id = await api.CreateAccountAsync();
        var other = await api.CreateAccountAsync("Other");
        var (keyId, _) = await api.CreateKeyAsync(id);
        var path = $"/v1/admin/accounts/{id}/keys/{keyId}";

        var first = await api.AdminAsync(HttpMethod.Delete, path);
        var revokedAt = (await api.AdminAsync(HttpMethod.Get, $"/v1/admin/accounts/{id}/keys")).Json["keys"]![0]!["revokedAt"]!.GetValue<DateTimeOffset>();
        var second = await api.AdminAsync(HttpMethod.Delete, path);
        var after = (await api.AdminAsync(HttpMethod.Get, $"/v1/admin/accounts/{id}/keys")).Json["keys"]![0]!;
        var wrongAccount = await api.AdminAsync(HttpMethod.Delete, $"/v1/admin/accounts/{other}/keys/{keyId}");

        Assert.Equal(HttpStatusCode.NoContent, first.Status);
        Assert.Equal("", first.Raw);
        Assert.Equal(HttpStatusCode.NoContent, second.Status);
        Assert.Equal("revoked", after["status"]!.GetValue<string>());
        Assert.Equal(revokedAt, after["revokedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(HttpStatusCode.NotFound, wrongAccount.Status);
        Assert.Equal("key-not-found", wrongAccount.Code);
    }
}
