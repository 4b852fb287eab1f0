using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Tests.Integration.Migration;
using StratosBridge.Tests.Integration.Payments;
using StratosBridge.TestKit;
using static StratosBridge.Tests.Integration.Payments.PaymentsFixture;

namespace StratosBridge.Tests.Integration.Safety;

/// <summary>
/// The credit worker under pauses and reconciliation, through the real service: an operator's pause of one pay chain's
/// credits holds a final payment's prepay (the quote shows why) and resuming buys the Ozone once; a credit row deleted
/// from the ledger makes that chain's payments not add up, which pauses its credits within one cycle and refuses new
/// quotes paid there until an operator clears it.
/// </summary>
[Collection(PaymentsCollection.Name)]
public sealed class CreditPauseAndReconciliationTests(PaymentsFixture fx)
{
    [Fact]
    public async Task Paused_credits_wait_and_are_bought_once_on_resume_and_a_deleted_credit_pauses_its_chain()
    {
        var (service, url, db) = await fx.StartServiceAsync("credit_safety", extra: SafetyApi.AdminToken(new Dictionary<string, string?>
        {
            ["Safety:ReconciliationCron"] = "*/2 * * * * *",
        }));
        await using var _ = db;
        await using var __ = service;
        using var api = new SafetyApi(url);

        using (var paused = await api.PauseAsync(new { scope = "credits", chain = "ethereum", @operator = "dana", reason = "treasury audit" }))
        {
            Assert.Equal(201, (int)paused.StatusCode);
        }
        var beneficiary = EthKey.Generate().Address;
        var quote = await QuoteWhenPricedAsync(url, beneficiary); // quotes are refused while their credits are paused: made on BNB first
        Assert.Equal(409, (int)quote.Refused!.Value);
        var pauseId = (await api.PausesInForceAsync()).Single(p => p!["covers"]!.GetValue<string>() == "credits of ethereum")!["id"]!.GetValue<long>();

        // resume, quote, pause again, then pay: the payment is final but its prepay waits
        using (var resumed = await api.ResumeAsync(pauseId, new { @operator = "dana", reason = "quote first" }))
        {
            Assert.Equal(200, (int)resumed.StatusCode);
        }
        var created = await CreateQuoteAsync(url, beneficiary, "ETH", "1");
        var id = created.GetProperty("id").GetString()!;
        using (var paused = await api.PauseAsync(new { scope = "credits", chain = "ethereum", @operator = "dana", reason = "treasury audit" }))
        {
            Assert.Equal(201, (int)paused.StatusCode);
        }
        await fx.PayAsync("ethereum", await fx.PayerAsync("ethereum"), id, beneficiary, Big(created.GetProperty("amountDue").GetProperty("baseUnits")));
        await fx.MakeFinalAsync("ethereum");
        await Eventually.HoldsAsync(async () => await BridgeService.CountAsync(db, "SELECT count(*) FROM credits WHERE status = 'ready'") == 1,
            TimeSpan.FromSeconds(90), $"the payment's credit to be ready\n{service.OutputTail}");
        await Task.Delay(TimeSpan.FromSeconds(3)); // many credit rounds
        Assert.Equal(1, await BridgeService.CountAsync(db, "SELECT count(*) FROM credits WHERE status = 'ready' AND tx_hash IS NULL"));
        Assert.DoesNotContain(fx.Companion.Prepays, p => p.Beneficiary == beneficiary);
        var held = await QuoteAsync(url, id);
        Assert.Contains("treasury audit", held.GetProperty("pauses")[0].GetProperty("message").GetString(), StringComparison.Ordinal);

        var again = (await api.PausesInForceAsync()).Single(p => p!["covers"]!.GetValue<string>() == "credits of ethereum")!["id"]!.GetValue<long>();
        using (var resumed = await api.ResumeAsync(again, new { @operator = "dana", reason = "audit done" }))
        {
            Assert.Equal(200, (int)resumed.StatusCode);
        }
        await WaitForSettlementAsync(url, id, "credited", service);
        Assert.Single(fx.Companion.Prepays, p => p.Beneficiary == beneficiary);
        var check = await Eventually.HoldsAsync(() => PaymentsCheckAsync(api), c => c is { } n && n.GetProperty("ok").GetBoolean()
                                                                                   && n.GetProperty("numbers").GetProperty("credited").GetString() != "0",
            TimeSpan.FromSeconds(60), $"the payments check of ethereum to pass\n{service.OutputTail}");
        // (the chains are shared with the collection's other tests: a fresh ledger also finds their payments, unmatched here)
        var numbers = check!.Value.GetProperty("numbers");
        Assert.Equal(Big(numbers.GetProperty("final")), Big(numbers.GetProperty("credited")) + Big(numbers.GetProperty("unmatched")) + Big(numbers.GetProperty("awaiting")));

        await BridgeService.CountAsync(db, "WITH gone AS (DELETE FROM credits RETURNING 1) SELECT count(*) FROM gone");
        var breach = await Eventually.HoldsAsync(api.PausesInForceAsync, p => p.Any(x => x!["origin"]!.GetValue<string>() == "reconciliation"),
            TimeSpan.FromSeconds(60), $"the deleted credit to pause ethereum's credits\n{service.OutputTail}");
        var pause = breach.Single(x => x!["origin"]!.GetValue<string>() == "reconciliation")!;
        Assert.Equal("credits of ethereum", pause["covers"]!.GetValue<string>());
        Assert.Equal(numbers.GetProperty("credited").GetString(), pause["detail"]!["difference"]!.GetValue<string>()); // what the credits covered
        Assert.Contains(service.Alarms, a => a.Contains("reconciliation breach in the payments of ethereum", StringComparison.Ordinal));
        using (var http = new HttpClient { BaseAddress = url })
        using (var refused = await http.PostAsJsonAsync("/v1/quotes", new { beneficiary = beneficiary.ToString(), payAsset = "ETH", oz = "1" }))
        {
            Assert.Equal(409, (int)refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("paused", problem.GetProperty("code").GetString());
            Assert.Contains("paused by reconciliation since", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using (var cleared = await api.ResumeAsync(pause["id"]!.GetValue<long>(), new { @operator = "dana", reason = "credit row restored from the drill log" }))
        {
            Assert.Equal(200, (int)cleared.StatusCode);
        }
        await Eventually.HoldsAsync(async () => await PaymentsCheckAsync(api) is { } c && c.GetProperty("ok").GetBoolean()
                                                && c.GetProperty("accepted").GetString() == c.GetProperty("difference").GetString()
                                                && c.GetProperty("difference").GetString() != "0",
            TimeSpan.FromSeconds(60), $"the check to pass with the accepted difference\n{service.OutputTail}");
        Assert.DoesNotContain(await api.PausesInForceAsync(), p => p!["origin"]!.GetValue<string>() == "reconciliation");
    }

    private static async Task<JsonElement?> PaymentsCheckAsync(SafetyApi api)
    {
        var status = JsonDocument.Parse((await api.StatusAsync()).ToJsonString()).RootElement;
        foreach (var check in status.GetProperty("reconciliation").EnumerateArray())
        {
            if (check.GetProperty("check").GetString() == "payments:ethereum")
            {
                return check.Clone();
            }
        }
        return null;
    }

    /// <summary>Waits until the service prices BNB quotes (prices arrive after start-up), then asks for an ETH quote: its answer's status.</summary>
    private static async Task<(int? Refused, JsonElement? Quote)> QuoteWhenPricedAsync(Uri url, Chains.Evm.EthAddress beneficiary)
    {
        await CreateQuoteAsync(url, beneficiary, "BNB", "1");
        using var http = new HttpClient { BaseAddress = url };
        using var answer = await http.PostAsJsonAsync("/v1/quotes", new { beneficiary = beneficiary.ToString(), payAsset = "ETH", oz = "1" });
        var body = await answer.Content.ReadFromJsonAsync<JsonElement>();
        return answer.IsSuccessStatusCode ? (null, body) : ((int)answer.StatusCode, null);
    }
}
