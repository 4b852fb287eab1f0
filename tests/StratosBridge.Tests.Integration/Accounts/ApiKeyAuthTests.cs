using System.Net;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using StratosBridge.Chains.Stratos;
using StratosBridge.Tests.Integration.Api;
using static StratosBridge.Tests.Integration.Api.Wallets;

namespace StratosBridge.Tests.Integration.Accounts;

/// <summary>API keys of business accounts on <c>GET /v1/account</c>: created by an operator, shown once, revoked.</summary>
public sealed class ApiKeyAuthTests
{
    private static Task<InProcessApi> StartAsync(string hint) =>
        InProcessApi.StartAsync(hint, AdminSettings.With(new Dictionary<string, string?>()));

    private static void AssertUnauthorized(ApiAnswer answer, string code, string detail)
    {
        Assert.True(answer.Status == HttpStatusCode.Unauthorized, $"{answer.Status} {answer.Raw}");
        Assert.Equal("application/problem+json", answer.ContentType);
        Assert.Equal(code, answer.Code);
        Assert.Contains(detail, answer.Detail);
        Assert.StartsWith("Bearer", answer.WwwAuthenticate);
    }

    [Fact]
    public async Task Two_keys_authenticate_and_a_revoked_one_is_refused_while_the_other_still_works()
    {
        await using var api = await StartAsync("keys_two");
        var accountId = await api.CreateAccountAsync("Acme Storage", Alice, "1500.50");
        var otherAccount = await api.CreateAccountAsync("Other Co", Bob);
        var (firstId, first) = await api.CreateKeyAsync(accountId, "checkout server");
        var (_, second) = await api.CreateKeyAsync(accountId);
        var (_, others) = await api.CreateKeyAsync(otherAccount);

        var byFirst = await api.SendAsync(HttpMethod.Get, "/v1/account", bearer: first);
        var bySecond = await api.SendAsync(HttpMethod.Get, "/v1/account", bearer: second);
        var byOther = await api.SendAsync(HttpMethod.Get, "/v1/account", bearer: others);
        var revoke = await api.AdminAsync(HttpMethod.Delete, $"/v1/admin/accounts/{accountId}/keys/{firstId}");
        var afterRevoke = await api.SendAsync(HttpMethod.Get, "/v1/account", bearer: first);
        var secondAfterRevoke = await api.SendAsync(HttpMethod.Get, "/v1/account", bearer: second);
        var keys = await api.AdminAsync(HttpMethod.Get, $"/v1/admin/accounts/{accountId}/keys");

        Assert.True(byFirst.Status == HttpStatusCode.OK, byFirst.Raw);
        var own = byFirst.Json;
        Assert.Equal(accountId, own["id"]!.GetValue<long>());
        Assert.Equal("Acme Storage", own["name"]!.GetValue<string>());
        Assert.Equal("ops@acme.example", own["contactEmail"]!.GetValue<string>());
        Assert.Equal(Alice, own["wallet"]!["hex"]!.GetValue<string>());
        Assert.Equal(StratosAddress.Parse(Alice).Bech32, own["wallet"]!["bech32"]!.GetValue<string>());
        Assert.StartsWith("st1", own["wallet"]!["bech32"]!.GetValue<string>());
        Assert.Equal("active", own["status"]!.GetValue<string>());
        Assert.Null(own["statusNote"]);
        Assert.Equal(150_050, own["monthlyLimitCents"]!.GetValue<long>());
        Assert.Equal("1500.50", own["monthlyLimitUsd"]!.GetValue<string>());
        Assert.Equal(first[..12], own["keyPrefix"]!.GetValue<string>());
        Assert.True(bySecond.Status == HttpStatusCode.OK, bySecond.Raw);
        Assert.Equal(accountId, bySecond.Json["id"]!.GetValue<long>());
        Assert.Equal(second[..12], bySecond.Json["keyPrefix"]!.GetValue<string>());
        Assert.Equal(otherAccount, byOther.Json["id"]!.GetValue<long>());
        Assert.Equal(Bob, byOther.Json["wallet"]!["hex"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NoContent, revoke.Status);
        AssertUnauthorized(afterRevoke, "api-key-revoked", $"the API key {first[..12]}… was revoked at ");
        Assert.Contains("invalid_token", afterRevoke.WwwAuthenticate);
        Assert.True(secondAfterRevoke.Status == HttpStatusCode.OK, secondAfterRevoke.Raw);
        var listed = keys.Json["keys"]!.AsArray();
        Assert.Equal(["revoked", "active"], listed.Select(k => k!["status"]!.GetValue<string>()));
        Assert.Equal(afterRevoke.Detail, $"the API key {first[..12]}… was revoked at " +
            $"{listed[0]!["revokedAt"]!.GetValue<DateTimeOffset>().ToUniversalTime():yyyy-MM-dd'T'HH:mm:ss'Z'}: use another key of the account, or ask an operator for a new one");
    }

    [Fact]
    public async Task The_key_is_nowhere_in_the_database_only_its_sha256()
    {
        await using var api = await StartAsync("keys_plaintext");
        var accountId = await api.CreateAccountAsync();
        var (keyId, key) = await api.CreateKeyAsync(accountId, "label");
        Assert.True((await api.SendAsync(HttpMethod.Get, "/v1/account", bearer: key)).Status == HttpStatusCode.OK);
        var secret = key[4..]; // the 43 base64url characters
        var secretBytes = Convert.FromBase64String(secret.Replace('-', '+').Replace('_', '/') + "=");

        await using var connection = new NpgsqlConnection(api.Database.ConnectionString);
        await connection.OpenAsync();
        var columns = new List<(string Table, string Column, string Type)>();
        await using (var list = new NpgsqlCommand("""
            SELECT table_name, column_name, data_type FROM information_schema.columns
             WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'character', 'bytea', 'json', 'jsonb')
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }
        Assert.Contains(columns, c => c is { Table: "api_keys", Column: "key_sha256", Type: "bytea" });
        Assert.Contains(columns, c => c is { Table: "api_keys", Column: "prefix" });
        Assert.Contains(columns, c => c is { Table: "api_keys", Column: "label" });
        foreach (var (table, column, type) in columns)
        {
            var condition = type == "bytea"
                ? $"position(convert_to($1, 'UTF8') IN \"{column}\") > 0 OR position(convert_to($2, 'UTF8') IN \"{column}\") > 0 OR position($3 IN \"{column}\") > 0"
                : $"strpos(\"{column}\"::text, $1) > 0 OR strpos(\"{column}\"::text, $2) > 0";
            await using var search = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\" WHERE {condition}", connection);
            search.Parameters.AddWithValue(key);
            search.Parameters.AddWithValue(secret);
            if (type == "bytea")
            {
                search.Parameters.AddWithValue(secretBytes);
            }
            Assert.True((long)(await search.ExecuteScalarAsync())! == 0, $"{table}.{column} holds the API key");
        }

        await using var stored = new NpgsqlCommand("SELECT prefix, key_sha256 FROM api_keys WHERE id = $1", connection);
        stored.Parameters.AddWithValue(keyId);
        await using var row = await stored.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());
        Assert.Equal(key[..12], row.GetString(0));
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(key)), row.GetFieldValue<byte[]>(1));
    }

    [Fact]
    public async Task Missing_malformed_and_unknown_keys_are_refused_with_their_codes()
    {
        await using var api = await StartAsync("keys_refused");
        var accountId = await api.CreateAccountAsync();
        var (_, key) = await api.CreateKeyAsync(accountId);
        var unknown = key[..^2] + (key[^2] == 'A' ? "BA" : "AA");

        AssertUnauthorized(await api.SendAsync(HttpMethod.Get, "/v1/account"), "api-key-required", "Authorization: Bearer sbk_");
        AssertUnauthorized(await api.SendAsync(HttpMethod.Get, "/v1/account", bearer: unknown), "invalid-api-key",
            $"no API key {unknown[..12]}… exists");
        AssertUnauthorized(await api.SendAsync(HttpMethod.Get, "/v1/account", bearer: "sbk_short"), "invalid-api-key", "not an API key");
        AssertUnauthorized(await api.SendAsync(HttpMethod.Get, "/v1/account", bearer: AdminSettings.Token), "invalid-api-key", "not an API key");
        using var basic = new HttpRequestMessage(HttpMethod.Get, "/v1/account");
        basic.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", key);
        using var basicAnswer = await api.Http.SendAsync(basic);
        Assert.Equal(HttpStatusCode.Unauthorized, basicAnswer.StatusCode);
        Assert.Contains("api-key-required", await basicAnswer.Content.ReadAsStringAsync());
        // the scheme is case-insensitive (RFC 7235)
        using var lower = new HttpRequestMessage(HttpMethod.Get, "/v1/account");
        lower.Headers.TryAddWithoutValidation("Authorization", "bearer " + key);
        using var lowerAnswer = await api.Http.SendAsync(lower);
        Assert.Equal(HttpStatusCode.OK, lowerAnswer.StatusCode);
    }

    [Fact]
    public async Task An_account_on_hold_still_reads_its_own_account_with_the_note()
    {
        await using var api = await StartAsync("keys_on_hold");
        var accountId = await api.CreateAccountAsync();
        var (_, key) = await api.CreateKeyAsync(accountId);
        var hold = await api.AdminAsync(HttpMethod.Patch, $"/v1/admin/accounts/{accountId}", new { status = "on-hold", note = "refund of cs_123 after delivery" });

        var own = await api.SendAsync(HttpMethod.Get, "/v1/account", bearer: key);

        Assert.Equal(HttpStatusCode.OK, hold.Status);
        Assert.True(own.Status == HttpStatusCode.OK, own.Raw);
        Assert.Equal("on-hold", own.Json["status"]!.GetValue<string>());
        Assert.Equal("refund of cs_123 after delivery", own.Json["statusNote"]!.GetValue<string>());
    }
}
