using System.Net;
using System.Text.Json;
using StratosBridge.Tests.Integration.Api;

namespace StratosBridge.Tests.Integration.Accounts;

/// <summary>The admin calls the account tests make, as an operator would (with <see cref="AdminSettings.Token"/>).</summary>
public static class AccountRequests
{
    public static string Json(object body) => JsonSerializer.Serialize(body);

    public static Task<ApiAnswer> AdminAsync(this InProcessApi api, HttpMethod method, string path, object? body = null) =>
        api.SendAsync(method, path, body is null ? null : body as string ?? Json(body), AdminSettings.Token);

    /// <summary>Creates an account; its id.</summary>
    public static async Task<long> CreateAccountAsync(this InProcessApi api, string name = "Acme Storage", string wallet = Wallets.Alice,
        string limitUsd = "1500.00")
    {
        var created = await api.AdminAsync(HttpMethod.Post, "/v1/admin/accounts",
            new { name, contactEmail = "ops@acme.example", wallet, monthlyLimitUsd = limitUsd });
        Assert.True(created.Status == HttpStatusCode.Created, $"create account: {created.Status} {created.Raw}");
        return created.Json["id"]!.GetValue<long>();
    }

    /// <summary>Creates an API key of the account; its id and the key.</summary>
    public static async Task<(long Id, string Key)> CreateKeyAsync(this InProcessApi api, long accountId, string? label = null)
    {
        var created = await api.AdminAsync(HttpMethod.Post, $"/v1/admin/accounts/{accountId}/keys", label is null ? null : new { label });
        Assert.True(created.Status == HttpStatusCode.Created, $"create key: {created.Status} {created.Raw}");
        return (created.Json["id"]!.GetValue<long>(), created.Json["key"]!.GetValue<string>());
    }
}
