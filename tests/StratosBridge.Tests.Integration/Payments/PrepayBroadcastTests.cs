using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Chains.Evm.Submitting;
using StratosBridge.TestKit;
using StratosBridge.TestKit.Anvil;
using StratosBridge.Tests.Integration.Migration;
using static StratosBridge.Tests.Integration.Payments.PrepayHarness;

namespace StratosBridge.Tests.Integration.Payments;

/// <summary>
/// A refused broadcast never freezes the relayer's signer on Stratos: each refusal is handled by its kind. Each test signs a
/// prepay while the proxy holds its broadcast back, changes the chain so the node refuses it, then lets the broadcast through.
/// </summary>
[Collection(PaymentsCollection.Name)]
public sealed class PrepayBroadcastTests(PaymentsFixture fx)
{
    private readonly PrepayHarness _h = new(fx);

    [Fact]
    public async Task A_prepay_refused_for_a_fee_below_the_base_fee_is_replaced_at_current_fees_and_mines()
    {
        await using var stratos = await RpcFaultProxy.StartAsync(fx.Bridge.Stratos.RpcUrl);
        stratos.UnavailableMethods = new HashSet<string> { "eth_sendRawTransaction" };
        var (service, url, db) = await _h.StartAsync("fee_refused", stratos);
        await using var _ = db;
        await using var __ = service;
        var (quote, beneficiary) = await _h.PaidQuoteAsync(url);
        await WaitForPrepaysAsync(db, "signed");
        var signed = Assert.Single(await PrepaysAsync(db));
        try
        {
            // The base fee jumps far above what the prepay offers: the node refuses it ("max fee per gas less than block base fee").
            await fx.Bridge.Stratos.RpcAsync("anvil_setNextBlockBaseFeePerGas", "0x174876e800"); // 100 gwei
            await fx.Bridge.Stratos.RpcAsync("evm_mine");
            stratos.UnavailableMethods = new HashSet<string>();

            var credit = await WaitForCreditAsync(url, quote, "completed", service);
            Assert.NotEqual(signed.Hash, credit.GetProperty("txHash").GetString());
            var rows = await PrepaysAsync(db);
            Assert.Equal(2, rows.Count);
            Assert.Equal((signed.Hash, signed.Nonce, "replaced"), rows[0]);
            Assert.Equal((credit.GetProperty("txHash").GetString()!, signed.Nonce, "mined"), rows[1]);
            Assert.Single(await _h.CompanionPrepaysAsync(), p => p.Beneficiary == beneficiary && p.Applied);
        }
        finally
        {
            await fx.Bridge.Stratos.RpcAsync("anvil_setNextBlockBaseFeePerGas", "0x3b9aca00"); // back to 1 gwei
            await fx.Bridge.Stratos.RpcAsync("evm_mine");
        }
    }

    [Fact]
    public async Task A_prepay_refused_for_insufficient_funds_backs_off_with_an_alarm_and_mines_with_its_nonce_once_funded()
    {
        await using var stratos = await RpcFaultProxy.StartAsync(fx.Bridge.Stratos.RpcUrl);
        stratos.UnavailableMethods = new HashSet<string> { "eth_sendRawTransaction" };
        var (service, url, db) = await _h.StartAsync("funds_refused", stratos);
        await using var _ = db;
        await using var __ = service;
        var (quote, beneficiary) = await _h.PaidQuoteAsync(url);
        await WaitForPrepaysAsync(db, "signed");
        var signed = Assert.Single(await PrepaysAsync(db));
        var balance = await _h.RelayerBalanceAsync();
        try
        {
            await _h.SetRelayerBalanceAsync(0);
            stratos.UnavailableMethods = new HashSet<string>();
            await WaitForAlarmAsync(service, "insufficient funds");
            Assert.Equal("submitted", (await CreditAsync(url, quote)).GetProperty("status").GetString());
            Assert.Equal(signed, Assert.Single(await PrepaysAsync(db))); // the same nonce and bytes, waiting
        }
        finally
        {
            await _h.SetRelayerBalanceAsync(balance);
        }
        var credit = await WaitForCreditAsync(url, quote, "completed", service);
        Assert.Equal(signed.Hash, credit.GetProperty("txHash").GetString());
        Assert.Single(await _h.CompanionPrepaysAsync(), p => p.Beneficiary == beneficiary && p.Applied);
    }

    [Fact]
    public async Task A_prepay_whose_nonce_another_transaction_took_raises_an_alarm_is_dropped_and_its_credit_parked_never_paid_twice()
    {
        await using var stratos = await RpcFaultProxy.StartAsync(fx.Bridge.Stratos.RpcUrl);
        stratos.UnavailableMethods = new HashSet<string> { "eth_sendRawTransaction" };
        var (service, url, db) = await _h.StartAsync("nonce_taken", stratos);
        await using var _ = db;
        await using var __ = service;
        var (quote, beneficiary) = await _h.PaidQuoteAsync(url);
        await WaitForPrepaysAsync(db, "signed");
        var signed = Assert.Single(await PrepaysAsync(db));

        // Someone sends from the relayer's key outside the service: it takes the prepay's nonce.
        var outside = new EvmDirectSubmitter(fx.Bridge.StratosRpc, _h.Signer, 2048);
        var taken = await outside.SendAsync(EthAddress.Parse("0x000000000000000000000000000000000000dEaD"), []);
        Assert.Equal(signed.Nonce, (await fx.Bridge.StratosRpc.GetTransactionByHashAsync(taken.TransactionHash))!.Nonce.ToLong());
        stratos.UnavailableMethods = new HashSet<string>();

        await WaitForAlarmAsync(service, "took nonce");
        var credit = await WaitForCreditAsync(url, quote, "needs-operator", service);
        Assert.Contains($"another transaction took nonce {signed.Nonce}", credit.GetProperty("lastError").GetString());
        Assert.Equal((signed.Hash, signed.Nonce, "dropped"), Assert.Single(await PrepaysAsync(db)));
        Assert.DoesNotContain(await _h.CompanionPrepaysAsync(), p => p.Beneficiary == beneficiary);
    }

    [Fact]
    public async Task A_prepay_refused_as_a_nonce_gap_sends_the_signers_lost_lower_nonce_first_and_both_mine_unreplaced()
    {
        await using var stratos = await RpcFaultProxy.StartAsync(fx.Bridge.Stratos.RpcUrl);
        stratos.UnavailableMethods = new HashSet<string> { "eth_sendRawTransaction" };
        var (service, url, db) = await _h.StartAsync("nonce_gap", stratos);
        await using var _ = db;
        await using var __ = service;
        var first = await _h.PaidQuoteAsync(url);
        await WaitForPrepaysAsync(db, "signed");
        var second = await _h.PaidQuoteAsync(url);
        await WaitForPrepaysAsync(db, "signed", 2);
        var signed = await PrepaysAsync(db);
        Assert.Equal(signed[0].Nonce + 1, signed[1].Nonce);

        // The node accepts the lower nonce and loses it (a restart, an eviction); then, as Stratos does, refuses the gap.
        stratos.StrictNonces = true;
        stratos.LoseFirstSendOf((ulong)signed[0].Nonce);
        stratos.UnavailableMethods = new HashSet<string>();

        var credits = new[]
        {
            await WaitForCreditAsync(url, first.QuoteId, "completed", service),
            await WaitForCreditAsync(url, second.QuoteId, "completed", service),
        };
        Assert.Equal(1, stratos.Lost);
        Assert.True(stratos.RefusedNonces >= 1, "the node never refused the gap");
        // The lost nonce was sent again at once, as it was: no replacement, no back-off, no alarm.
        Assert.Equal(signed.Select(p => (p.Hash, p.Nonce, "mined")), await PrepaysAsync(db));
        Assert.Equal(signed.Select(p => p.Hash), credits.Select(c => c.GetProperty("txHash").GetString()));
        Assert.DoesNotContain(service.Alarms, a => a.Contains("too high", StringComparison.OrdinalIgnoreCase));
        var companion = await _h.CompanionPrepaysAsync();
        Assert.Single(companion, p => p.Beneficiary == first.Beneficiary && p.Applied);
        Assert.Single(companion, p => p.Beneficiary == second.Beneficiary && p.Applied);
    }
}
