using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Tests.Integration.Migration;
using StratosBridge.Tests.Integration.Payments;
using StratosBridge.TestKit;
using StratosBridge.TestKit.Webhooks;
using static StratosBridge.Tests.Integration.Grants.GrantService;

namespace StratosBridge.Tests.Integration.Grants;

/// <summary>
/// A grant program that belongs to a dApp's account sends the account <c>credit.completed</c> and <c>credit.failed</c> for
/// its claims, signed, to a real receiver on loopback, with the claim as the object; a program that belongs to nobody sends
/// nothing. On the payments devnet, one claim's prepay refused for good by the SystemContract.
/// </summary>
[Collection(PaymentsCollection.Name)]
public sealed class GrantWebhookTests(PaymentsFixture fx)
{
    [Fact]
    public async Task A_dapps_program_sends_its_claims_credit_events_to_the_dapp_and_a_program_of_nobody_sends_none()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var service = await StartAsync(fx, "grant_webhooks", settings: new Dictionary<string, string?>
        {
            ["Webhooks:AllowLoopback"] = "true",
            ["Webhooks:PollInterval"] = "00:00:00.200",
        });
        var (accountId, key) = await DappAsync(service);
        using var dapp = new HttpClient { BaseAddress = service.Url };
        dapp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var created = await dapp.PostAsJsonAsync("/v1/account/webhooks",
            new { url = receiver.Url.ToString(), events = new[] { "credit.completed", "credit.failed" } });
        var secret = (await Expect(created, HttpStatusCode.Created)).GetProperty("secret").GetString()!;
        var owned = await service.NewProgramAsync("dapp-welcome", TenGb, Plenty, accountId: accountId);
        var nobodys = await service.NewProgramAsync("ops-welcome", TenGb, Plenty);
        var (granted, refused, other) = (EthKey.Generate(), EthKey.Generate(), EthKey.Generate());

        var standIn = await RefusingSystemContract.InstallAsync(fx.Bridge.Stratos, refused.Address);
        try
        {
            foreach (var (program, wallet) in new[] { (owned, granted), (owned, refused), (nobodys, other) })
            {
                var (status, claim) = await service.ClaimAsync(program, wallet);
                Assert.True(status == HttpStatusCode.Created, claim.ToString());
            }
            await service.WaitForCreditAsync(owned, granted.Address);
            await service.WaitForCreditAsync(owned, refused.Address, "failed");
            await service.WaitForCreditAsync(nobodys, other.Address);
        }
        finally
        {
            await RefusingSystemContract.RestoreAsync(fx.Bridge.Stratos, standIn);
        }

        // Every state change has been looked at (so the other program's too), and the dApp got its two events.
        await Eventually.HoldsAsync(async () => await BridgeService.CountAsync(service.Db, "SELECT count(*) FROM webhook_outbox") == 0
                && receiver.Received.Count(r => r.AnsweredStatus == 200) >= 2,
            TimeSpan.FromSeconds(60), $"the outbox to be dispatched and two events delivered\n{service.Process.OutputTail}");
        Assert.Equal(2, await BridgeService.CountAsync(service.Db, $"SELECT count(*) FROM webhook_events WHERE account_id = {accountId}"));
        Assert.Equal(2, await BridgeService.CountAsync(service.Db, "SELECT count(*) FROM webhook_events"));
        var received = receiver.Received;
        Assert.Equal(2, received.Count);
        var verified = await NodeScript.RunAsync("webhook-signature.mjs",
            received.Select(r => new { secret, header = r.Header("StratosBridge-Signature"), body = r.Body }).ToArray());
        Assert.All(verified.EnumerateArray(), v => Assert.True(v.GetProperty("valid").GetBoolean()));

        var events = received.Select(r => JsonDocument.Parse(r.Body).RootElement.Clone()).ToDictionary(e => e.GetProperty("type").GetString()!);
        var completed = events["credit.completed"].GetProperty("data").GetProperty("object");
        Assert.Equal(owned, completed.GetProperty("program").GetString());
        Assert.Equal(granted.Address.ToString(), completed.GetProperty("wallet").GetProperty("hex").GetString());
        Assert.Equal("completed", completed.GetProperty("status").GetString());
        Assert.Equal("completed", completed.GetProperty("credit").GetProperty("status").GetString());
        Assert.Equal(fx.Companion.Prepays.Single(p => p.Beneficiary == granted.Address).TxHash,
            completed.GetProperty("credit").GetProperty("txHash").GetString());
        var failed = events["credit.failed"].GetProperty("data").GetProperty("object");
        Assert.Equal(owned, failed.GetProperty("program").GetString());
        Assert.Equal(refused.Address.ToString(), failed.GetProperty("wallet").GetProperty("hex").GetString());
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, failed.GetProperty("releasedAt").ValueKind);
        Assert.Contains("MalformedAny", failed.GetProperty("credit").GetProperty("lastError").GetString(), StringComparison.Ordinal);

        // Operators say whose a program is: an account that exists, or nobody's (0).
        var report = await service.Admin.GetFromJsonAsync<JsonElement>($"/v1/admin/grants/{owned}");
        Assert.Equal(accountId, report.GetProperty("program").GetProperty("accountId").GetInt64());
        using (var unknown = await service.Admin.PatchAsJsonAsync($"/v1/admin/grants/{nobodys}", new { accountId = 999_999, @operator = "alice" }))
        {
            Assert.Equal("invalid-grant-program", Code(await Expect(unknown, HttpStatusCode.UnprocessableEntity)));
        }
        await service.PatchProgramAsync(nobodys, new { accountId, @operator = "alice" });
        using (var nobody = await service.Admin.PatchAsJsonAsync($"/v1/admin/grants/{owned}", new { accountId = 0, @operator = "alice" }))
        {
            Assert.Equal(JsonValueKind.Null, (await Expect(nobody, HttpStatusCode.OK)).GetProperty("accountId").ValueKind);
        }
        var reassigned = await service.Admin.GetFromJsonAsync<JsonElement>($"/v1/admin/grants/{nobodys}");
        Assert.Equal(accountId, reassigned.GetProperty("program").GetProperty("accountId").GetInt64());
    }

    /// <summary>A dApp account made by an operator, and an API key of it.</summary>
    private static async Task<(long Id, string Key)> DappAsync(GrantService service)
    {
        using var account = await service.Admin.PostAsJsonAsync("/v1/admin/accounts",
            new { kind = "dapp", name = "Drive dApp", contactEmail = "dev@drive.example" });
        var id = (await Expect(account, HttpStatusCode.Created)).GetProperty("id").GetInt64();
        using var key = await service.Admin.PostAsync($"/v1/admin/accounts/{id}/keys", null);
        return (id, (await Expect(key, HttpStatusCode.Created)).GetProperty("key").GetString()!);
    }
}
