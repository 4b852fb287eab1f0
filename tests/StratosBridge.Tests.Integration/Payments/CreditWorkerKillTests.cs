using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Tests.Integration.Migration;
using StratosBridge.TestKit;
using StratosBridge.TestKit.Postgres;
using StratosBridge.TestKit.Anvil;
using static StratosBridge.Tests.Integration.Payments.PaymentsFixture;

namespace StratosBridge.Tests.Integration.Payments;

/// <summary>
/// The credit worker killed (SIGKILL) at the two dangerous lines of sign → persist → broadcast → receipt: the restarted
/// service prepays exactly once. The Stratos RPC goes through a proxy that holds the worker at the chosen line.
/// </summary>
[Collection(PaymentsCollection.Name)]
public sealed class CreditWorkerKillTests(PaymentsFixture fx)
{
    [Fact]
    public async Task Killed_between_persisting_and_broadcasting_the_prepay_it_sends_the_same_bytes_once_after_restart()
    {
        await using var stratos = await RpcFaultProxy.StartAsync(fx.Bridge.Stratos.RpcUrl);
        stratos.UnavailableMethods = new HashSet<string> { "eth_sendRawTransaction" };
        var (id, beneficiary, db) = await PaidAndHeldAsync("kill_persist", stratos,
            "SELECT count(*) FROM outgoing_txs WHERE purpose = 'prepay' AND status = 'signed'");
        await using var _ = db;
        var signed = await PrepayTxAsync(db);
        Assert.Null(await fx.Bridge.StratosRpc.GetTransactionByHashAsync(signed)); // persisted, never sent

        stratos.UnavailableMethods = new HashSet<string>();
        await AssertPrepaidOnceAfterRestartAsync("kill_persist_again", stratos, db, id, beneficiary, signed);
    }

    [Fact]
    public async Task Killed_between_broadcast_and_receipt_it_settles_the_sent_prepay_once_after_restart()
    {
        await using var stratos = await RpcFaultProxy.StartAsync(fx.Bridge.Stratos.RpcUrl);
        stratos.UnavailableMethods = new HashSet<string> { "eth_getTransactionReceipt" };
        var (id, beneficiary, db) = await PaidAndHeldAsync("kill_receipt", stratos,
            "SELECT count(*) FROM outgoing_txs WHERE purpose = 'prepay' AND status = 'broadcast'");
        await using var _ = db;
        var sent = await PrepayTxAsync(db);
        await Eventually.HoldsAsync(async () => await fx.Bridge.StratosRpc.GetTransactionReceiptAsync(sent) is not null,
            TimeSpan.FromSeconds(120), "the broadcast prepay to be mined"); // on chain; the worker could not see its receipt

        stratos.UnavailableMethods = new HashSet<string>();
        await AssertPrepaidOnceAfterRestartAsync("kill_receipt_again", stratos, db, id, beneficiary, sent);
    }

    /// <summary>Quote, pay, make final; wait until the worker is held at the line <paramref name="heldWhen"/> counts; kill it.</summary>
    private async Task<(string Id, EthAddress Beneficiary, TestDatabase Db)> PaidAndHeldAsync(string name, RpcFaultProxy stratos, string heldWhen)
    {
        var rpcUrls = new Dictionary<string, Uri> { ["stratos"] = stratos.Url };
        var (service, url, db) = await fx.StartServiceAsync(name, rpcUrls: rpcUrls);
        await using (service)
        {
            var beneficiary = EthKey.Generate().Address;
            var quote = await CreateQuoteAsync(url, beneficiary, "ETH", "2");
            var id = quote.GetProperty("id").GetString()!;
            await fx.PayAsync("ethereum", await fx.PayerAsync("ethereum"), id, beneficiary,
                Big(quote.GetProperty("amountDue").GetProperty("baseUnits")));
            await fx.MakeFinalAsync("ethereum");
            await Eventually.HoldsAsync(() => BridgeService.CountAsync(db, heldWhen), n => n == 1, TimeSpan.FromSeconds(120),
                $"the credit worker to be held ({heldWhen})");
            service.Kill();
            return (id, beneficiary, db);
        }
    }

    private static async Task<string> PrepayTxAsync(TestDatabase db)
    {
        await using var conn = new Npgsql.NpgsqlConnection(db.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("SELECT tx_hash FROM outgoing_txs WHERE purpose = 'prepay'", conn);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }

    private async Task AssertPrepaidOnceAfterRestartAsync(string name, RpcFaultProxy stratos, TestDatabase db, string id, EthAddress beneficiary,
        string txHash)
    {
        var (service, url, _) = await fx.StartServiceAsync(name, db, new Dictionary<string, Uri> { ["stratos"] = stratos.Url });
        await using (service)
        {
            var credited = await WaitForSettlementAsync(url, id, "credited", service);
            var credit = Assert.Single(credited.GetProperty("settlement").GetProperty("payments").EnumerateArray()).GetProperty("credit");
            Assert.Equal(txHash, credit.GetProperty("txHash").GetString());
        }
        var prepay = Assert.Single(fx.Companion.Prepays, p => p.Beneficiary == beneficiary);
        Assert.True(prepay.Applied, prepay.FailureReason);
        Assert.Equal(txHash, prepay.TxHash);
        Assert.Equal(1, await BridgeService.CountAsync(db, "SELECT count(*) FROM outgoing_txs WHERE purpose = 'prepay'"));
        Assert.Equal(1, await BridgeService.CountAsync(db, "SELECT count(*) FROM outgoing_txs WHERE purpose = 'prepay' AND status = 'mined'"));
    }
}
