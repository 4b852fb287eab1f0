using System.Globalization;
using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Tests.Integration.Migration;
using StratosBridge.Tests.Integration.Payments;
using StratosBridge.TestKit;
using StratosBridge.TestKit.Anvil;
using static StratosBridge.Tests.Integration.Payments.PaymentsFixture;

namespace StratosBridge.Tests.Integration.Safety;

/// <summary>
/// Reconciliation of credits through the real service on the payments devnet (the Stratos companion applying prepays and
/// reporting what each bought): a credit whose recorded Ozone is altered beyond the tolerance, and the relayer's STOS on
/// Stratos drained below what an open credit needs, each pause all credits within one cycle with an <c>ALARM</c> and the
/// numbers on the status; a healthy ledger passes both checks; only an operator clears a breach.
/// </summary>
[Collection(PaymentsCollection.Name)]
public sealed class CreditReconciliationTests(PaymentsFixture fx)
{
    private const string OzoneCheck = "credits:ozone";
    private const string FloatCheck = "float:stratos";

    private static readonly Dictionary<string, string?> EveryTwoSeconds = new() { ["Safety:ReconciliationCron"] = "*/2 * * * * *" };

    [Fact]
    public async Task Ozone_bought_outside_the_tolerance_of_its_quote_pauses_all_credits_until_an_operator_clears_it()
    {
        var (service, url, db) = await fx.StartServiceAsync("recon_ozone", extra: SafetyApi.AdminToken(new(EveryTwoSeconds)));
        await using var _ = db;
        await using var __ = service;
        using var api = new SafetyApi(url);

        var (quote, _) = await PaidQuoteAsync(url);
        await WaitForSettlementAsync(url, quote, "credited", service);
        var healthy = await Eventually.HoldsAsync(() => api.CheckAsync(OzoneCheck),
            c => c is not null && c["ok"]!.GetValue<bool>() && c["numbers"]!["checked"]!.GetValue<long>() == 1,
            TimeSpan.FromSeconds(60), $"the Ozone check to pass with the credit counted\n{service.OutputTail}");
        Assert.Equal("0", healthy!["difference"]!.GetValue<string>());
        Assert.Equal(0, healthy["numbers"]!["outside"]!.GetValue<long>());
        Assert.Equal(healthy["numbers"]!["quotedNoz"]!.GetValue<string>(), healthy["numbers"]!["purchasedNoz"]!.GetValue<string>());
        Assert.DoesNotContain(await api.PausesInForceAsync(), p => p!["scope"]!.GetValue<string>() == "credits");

        // the ledger's record of what the prepay bought no longer matches the chain's: 1000 ppm less than quoted
        var creditId = await BridgeService.CountAsync(db, $"SELECT id FROM credits WHERE quote_id = '{quote}'");
        var gap = BigInteger.Parse(await TextAsync(db, $"SELECT div(quoted_noz, 1000) FROM credits WHERE id = {creditId}"), CultureInfo.InvariantCulture);
        await BridgeService.CountAsync(db, $"WITH c AS (UPDATE credits SET purchased_noz = purchased_noz - {gap} WHERE id = {creditId} RETURNING 1) SELECT count(*) FROM c");

        var pause = await api.ReconciliationPauseAsync("credits", service);
        Assert.Contains("the Ozone the credits bought", pause["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(gap.ToString(CultureInfo.InvariantCulture), pause["detail"]!["difference"]!.GetValue<string>());
        await Eventually.HoldsAsync(() => Task.FromResult(service.Alarms.Any(a => a.Contains("reconciliation breach in the Ozone the credits bought", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(30), "its ALARM in the log"); // the log line follows the pause
        var breached = (await api.CheckAsync(OzoneCheck))!;
        Assert.False(breached["ok"]!.GetValue<bool>());
        Assert.Equal(1, breached["numbers"]!["outside"]!.GetValue<long>());
        Assert.Equal([creditId], breached["numbers"]!["worstCredits"]!.AsArray().Select(n => n!.GetValue<long>()));
        Assert.Equal((-gap).ToString(CultureInfo.InvariantCulture), breached["numbers"]!["outsideNet"]!.GetValue<string>());
        Assert.Contains($"credits {creditId}", breached["note"]!.GetValue<string>(), StringComparison.Ordinal);
        await AssertQuotesRefusedAsync(url);

        await api.AfterRunsAsync(OzoneCheck, 2, service); // nothing clears it by itself
        Assert.Contains(await api.PausesInForceAsync(), p => p!["id"]!.GetValue<long>() == pause["id"]!.GetValue<long>());
        using (var cleared = await api.ResumeAsync(pause["id"]!.GetValue<long>(), new { @operator = "dana", reason = "drill: purchased_noz edited by hand" }))
        {
            Assert.Equal(200, (int)cleared.StatusCode);
        }
        var passing = await Eventually.HoldsAsync(() => api.CheckAsync(OzoneCheck), c => c is not null && c["ok"]!.GetValue<bool>(),
            TimeSpan.FromSeconds(60), $"the Ozone check to pass with the accepted difference\n{service.OutputTail}");
        Assert.Equal(gap.ToString(CultureInfo.InvariantCulture), passing!["accepted"]!.GetValue<string>());
        Assert.Equal(passing["accepted"]!.GetValue<string>(), passing["difference"]!.GetValue<string>());
        Assert.DoesNotContain(await api.PausesInForceAsync(), p => p!["scope"]!.GetValue<string>() == "credits");
    }

    [Fact]
    public async Task A_float_drained_below_the_open_credits_pauses_credits_until_an_operator_clears_it_after_it_is_funded()
    {
        var (service, url, db) = await fx.StartServiceAsync("recon_float", extra: SafetyApi.AdminToken(new(EveryTwoSeconds)));
        await using var _ = db;
        await using var __ = service;
        using var api = new SafetyApi(url);
        var relayer = EthKey.FromHex(AnvilNode.DevKeys[1]).Address.ToLowerHex();
        var stratos = fx.Bridge.Stratos;

        var healthy = await Eventually.HoldsAsync(() => api.CheckAsync(FloatCheck), c => c is not null && c["ok"]!.GetValue<bool>(),
            TimeSpan.FromSeconds(60), $"the float check to pass\n{service.OutputTail}");
        Assert.Equal(("0", "0", relayer), (healthy!["difference"]!.GetValue<string>(), healthy["numbers"]!["needed"]!.GetValue<string>(),
            healthy["numbers"]!["signer"]!.GetValue<string>()));
        Assert.Equal("shortfall", healthy["rule"]!.GetValue<string>());

        var funded = await fx.Bridge.StratosRpc.GetBalanceAsync(relayer, EvmBlocks.Latest);
        string quote;
        EthAddress beneficiary;
        JsonNode pause;
        BigInteger owed;
        await stratos.RpcAsync("anvil_setBalance", relayer, "0x0"); // the float is drained (a leaked key, a bad sweep)
        try
        {
            (quote, beneficiary) = await PaidQuoteAsync(url);
            await Eventually.HoldsAsync(async () => await BridgeService.CountAsync(db, $"SELECT count(*) FROM credits WHERE quote_id = '{quote}'") == 1,
                TimeSpan.FromSeconds(90), $"the payment's credit\n{service.OutputTail}");
            owed = BigInteger.Parse(await TextAsync(db, $"SELECT stos_wei FROM credits WHERE quote_id = '{quote}'"), CultureInfo.InvariantCulture);

            pause = await api.ReconciliationPauseAsync("credits", service);
            Assert.Contains("the relayer's float on stratos", pause["reason"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(owed.ToString(CultureInfo.InvariantCulture), pause["detail"]!["difference"]!.GetValue<string>());
            await Eventually.HoldsAsync(() => Task.FromResult(service.Alarms.Any(a => a.Contains("reconciliation breach in the relayer's float on stratos", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(30), "its ALARM in the log"); // the log line follows the pause
            var breached = (await api.CheckAsync(FloatCheck))!;
            Assert.False(breached["ok"]!.GetValue<bool>());
            var numbers = breached["numbers"]!;
            Assert.Equal(("0", owed.ToString(CultureInfo.InvariantCulture), 1L),
                (numbers["balance"]!.GetValue<string>(), numbers["needed"]!.GetValue<string>(), numbers["readyCredits"]!.GetValue<long>()));
            Assert.Contains($"short {owed} wei", breached["note"]!.GetValue<string>(), StringComparison.Ordinal);
            await AssertQuotesRefusedAsync(url);
        }
        finally
        {
            await stratos.RpcAsync("anvil_setBalance", relayer, Hex.EncodeQuantity(funded)); // the shared chain's relayer, as it was
        }

        // funded again: the check passes, but the pause stays until an operator clears it, and the credit waits
        await Eventually.HoldsAsync(() => api.CheckAsync(FloatCheck), c => c is not null && c["ok"]!.GetValue<bool>(),
            TimeSpan.FromSeconds(60), $"the float check to pass once funded\n{service.OutputTail}");
        await api.AfterRunsAsync(FloatCheck, 2, service);
        Assert.Contains(await api.PausesInForceAsync(), p => p!["id"]!.GetValue<long>() == pause["id"]!.GetValue<long>());
        Assert.Equal(1, await BridgeService.CountAsync(db, $"SELECT count(*) FROM credits WHERE quote_id = '{quote}' AND status = 'ready' AND tx_hash IS NULL"));
        Assert.DoesNotContain(fx.Companion.Prepays, p => p.Beneficiary == beneficiary);

        using (var cleared = await api.ResumeAsync(pause["id"]!.GetValue<long>(), new { @operator = "dana", reason = "float topped up from the treasury" }))
        {
            Assert.Equal(200, (int)cleared.StatusCode);
        }
        await WaitForSettlementAsync(url, quote, "credited", service);
        Assert.Single(fx.Companion.Prepays, p => p.Beneficiary == beneficiary);
        var check = (await api.CheckAsync(FloatCheck))!;
        Assert.Equal("0", check["accepted"]!.GetValue<string>()); // it passed when resumed: nothing to accept
        Assert.Equal(1, await BridgeService.CountAsync(db, $"SELECT count(*) FROM credits WHERE quote_id = '{quote}' AND status = 'completed'"));
        Assert.DoesNotContain(await api.PausesInForceAsync(), p => p!["scope"]!.GetValue<string>() == "credits");
    }

    /// <summary>A 1 OZ quote paid in ETH by a fresh payer for a fresh beneficiary and made final: its id and beneficiary.</summary>
    private async Task<(string Quote, EthAddress Beneficiary)> PaidQuoteAsync(Uri url)
    {
        var beneficiary = EthKey.Generate().Address;
        var created = await CreateQuoteAsync(url, beneficiary, "ETH", "1");
        var id = created.GetProperty("id").GetString()!;
        await fx.PayAsync("ethereum", await fx.PayerAsync("ethereum"), id, beneficiary, Big(created.GetProperty("amountDue").GetProperty("baseUnits")));
        await fx.MakeFinalAsync("ethereum");
        return (id, beneficiary);
    }

    private static async Task AssertQuotesRefusedAsync(Uri url)
    {
        using var http = new HttpClient { BaseAddress = url };
        using var refused = await http.PostAsJsonAsync("/v1/quotes", new { beneficiary = EthKey.Generate().Address.ToString(), payAsset = "BNB", oz = "1" });
        Assert.Equal(409, (int)refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("paused", problem.GetProperty("code").GetString());
        Assert.Contains("paused by reconciliation since", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task<string> TextAsync(StratosBridge.TestKit.Postgres.TestDatabase db, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand(sql, connection);
        return Convert.ToString(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture)!;
    }
}
