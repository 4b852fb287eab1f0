using System.Net;
using System.Text.Json;
using Npgsql;
using StratosBridge.Tests.Integration.Migration;
using StratosBridge.TestKit;
using StratosBridge.TestKit.Anvil;
using StratosBridge.TestKit.Postgres;
using static StratosBridge.Tests.Integration.Payments.PrepayHarness;

namespace StratosBridge.Tests.Integration.Payments;

/// <summary>
/// Done is never redone: a prepay whose transaction succeeded is never followed by another one for the same credit without
/// an operator deciding (MsgPrepay has no on-chain used-id check), and a ledger restored from a backup does not pay again.
/// </summary>
[Collection(PaymentsCollection.Name)]
public sealed class ParkedCreditTests(PaymentsFixture fx)
{
    private readonly PrepayHarness _h = new(fx);

    [Fact]
    public async Task A_prepay_that_succeeded_without_MsgExecuted_is_parked_once_and_an_operator_settles_or_retries_it()
    {
        await using var stratos = await RpcFaultProxy.StartAsync(fx.Bridge.Stratos.RpcUrl);
        var code = (await fx.Bridge.Stratos.RpcAsync("eth_getCode", SystemContract, "latest")).GetString()!;
        var (service, url, db) = await _h.StartAsync("parked_credit", stratos);
        await using var _ = db;
        await using var __ = service;
        (string QuoteId, Chains.Evm.EthAddress Beneficiary) settled, retried;
        try
        {
            // A SystemContract whose runMsg succeeds and emits nothing: the receipt succeeds, with no MsgExecuted we recognise.
            await fx.Bridge.Stratos.RpcAsync("anvil_setCode", SystemContract, "0x00");
            settled = await _h.PaidQuoteAsync(url);
            retried = await _h.PaidQuoteAsync(url);
            var parked = await WaitForCreditAsync(url, settled.QuoteId, "needs-operator", service);
            var parkedToo = await WaitForCreditAsync(url, retried.QuoteId, "needs-operator", service);
            await WaitForAlarmAsync(service, "MsgExecuted");
            Assert.Contains("MsgExecuted", parked.GetProperty("lastError").GetString());

            // One prepay each, mined, and none signed again while they wait for a person.
            var prepays = await PrepaysAsync(db);
            Assert.Equal(2, prepays.Count);
            Assert.All(prepays, p => Assert.Equal("mined", p.Status));
            var listed = await AdminGetAsync(url, "/v1/admin/credits?status=needs-operator");
            Assert.Equal(2, listed.GetProperty("credits").GetArrayLength());
        }
        finally
        {
            await fx.Bridge.Stratos.RpcAsync("anvil_setCode", SystemContract, code);
        }

        var settledCredit = await CreditAsync(url, settled.QuoteId);
        var id = settledCredit.GetProperty("id").GetInt64();
        var txHash = settledCredit.GetProperty("txHash").GetString()!;
        // The tx named must be a mined success of ours: a stranger's hash is refused.
        using (var refused = await AdminPostAsync(url, $"/v1/admin/credits/{id}/settle",
                   new { txHash = "0x" + new string('1', 64), @operator = "alice", reason = "checked by hand" }))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        }
        using (var ok = await AdminPostAsync(url, $"/v1/admin/credits/{id}/settle",
                   new { txHash, @operator = "alice", reason = "the chain shows EventPrePay for this tx" }))
        {
            Assert.Equal(HttpStatusCode.Accepted, ok.StatusCode); // carried out by a job
        }
        var completed = await WaitForCreditAsync(url, settled.QuoteId, "completed", service);
        Assert.Equal(txHash, completed.GetProperty("txHash").GetString());
        var timeline = completed.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Contains(timeline, t => t.GetProperty("state").GetString() == "needs-operator");
        var byOperator = timeline[^1];
        Assert.Equal("completed", byOperator.GetProperty("state").GetString());
        Assert.Contains("alice", byOperator.GetProperty("actor").GetString());
        Assert.Contains("EventPrePay", byOperator.GetProperty("note").GetString());

        var retryId = (await CreditAsync(url, retried.QuoteId)).GetProperty("id").GetInt64();
        using (var ok = await AdminPostAsync(url, $"/v1/admin/credits/{retryId}/retry", new { @operator = "bob", reason = "the prepay bought nothing" }))
        {
            Assert.Equal(HttpStatusCode.Accepted, ok.StatusCode); // carried out by a job
        }
        var retriedCredit = await WaitForCreditAsync(url, retried.QuoteId, "completed", service);
        Assert.Single(await _h.CompanionPrepaysAsync(), p => p.Beneficiary == retried.Beneficiary && p.Applied);
        Assert.Contains(retriedCredit.GetProperty("timeline").EnumerateArray(),
            t => t.GetProperty("state").GetString() == "ready" && t.GetProperty("actor").GetString()!.Contains("bob"));
        Assert.True(retriedCredit.GetProperty("attempts").GetInt32() >= 1);
        Assert.Equal(3, (await PrepaysAsync(db)).Count);
    }

    [Fact]
    public async Task A_ledger_restored_from_a_backup_does_not_send_a_prepay_completed_after_the_backup()
    {
        await using var stratos = await RpcFaultProxy.StartAsync(fx.Bridge.Stratos.RpcUrl);
        var (service, url, db) = await _h.StartAsync("restored", stratos);
        await using var _ = db;
        var (quoteB, beneficiaryB, dueB) = await _h.QuoteAsync(url);
        await using (service)
        {
            var (quoteA, _) = await _h.PaidQuoteAsync(url);
            await WaitForCreditAsync(url, quoteA, "completed", service);
        }

        // The backup: the ledger after A was credited and before B was paid.
        await using var backup = await CopyAsync(db, "restored_backup");

        var (again, againUrl, _) = await _h.StartAsync("restored_again", stratos, db);
        await using (again)
        {
            await _h.PayAsync(quoteB, beneficiaryB, dueB);
            await WaitForCreditAsync(againUrl, quoteB, "completed", again);
        }
        Assert.Single(await _h.CompanionPrepaysAsync(), p => p.Beneficiary == beneficiaryB && p.Applied);

        // Restored: the watcher finds B's payment again and matches it; the chain knows a prepay the ledger does not.
        var (restored, restoredUrl, __) = await _h.StartAsync("restored_from_backup", stratos, backup);
        await using (restored)
        {
            await WaitForAlarmAsync(restored, "refuses to sign prepays");
            var credit = await WaitForCreditAsync(restoredUrl, quoteB, "ready", restored);
            Assert.Equal(JsonValueKind.Null, credit.GetProperty("txHash").ValueKind);
            Assert.Single(await PrepaysAsync(backup)); // A's, from before the backup; nothing signed for B
        }
        Assert.Single(await _h.CompanionPrepaysAsync(), p => p.Beneficiary == beneficiaryB);
    }

    /// <summary>A copy of <paramref name="db"/> (no one may be connected to it), as a restore from a backup would make.</summary>
    private static async Task<TestDatabase> CopyAsync(TestDatabase db, string hint)
    {
        NpgsqlConnection.ClearAllPools();
        var copy = await db.Cluster.CreateDatabaseAsync(hint);
        await using var admin = new NpgsqlConnection(db.Cluster.ConnectionString("postgres"));
        await admin.OpenAsync();
        await using (var drop = new NpgsqlCommand($"DROP DATABASE \"{copy.Name}\"", admin))
        {
            await drop.ExecuteNonQueryAsync();
        }
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{copy.Name}\" TEMPLATE \"{db.Name}\"", admin);
        await create.ExecuteNonQueryAsync();
        return copy;
    }
}
