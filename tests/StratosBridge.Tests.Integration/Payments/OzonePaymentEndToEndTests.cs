using System.Globalization;
using System.Numerics;
using System.Text.Json;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Chains.Stratos;
using StratosBridge.Pricing.Quotes;
using StratosBridge.Tests.Integration.Migration;
using StratosBridge.TestKit;
using StratosBridge.TestKit.Solana;
using StratosBridge.TestKit.Stratos;
using static StratosBridge.Tests.Integration.Payments.PaymentsFixture;

namespace StratosBridge.Tests.Integration.Payments;

/// <summary>
/// Quote → pay with ETH or BNB → finality → matching → <c>runMsg(MsgPrepay)</c> on Stratos → the beneficiary's Ozone on
/// the devnet companion, through the real service; and each payment the policy does not credit as quoted.
/// </summary>
[Collection(PaymentsCollection.Name)]
public sealed class OzonePaymentEndToEndTests(PaymentsFixture fx)
{
    [Theory]
    [InlineData("ethereum", "ETH")]
    [InlineData("bsc", "BNB")]
    public async Task A_payment_buys_the_quoted_ozone_once_after_finality(string chain, string asset)
    {
        var (service, url, db) = await fx.StartServiceAsync($"pay_{chain}");
        await using var _ = db;
        await using var __ = service;
        var beneficiary = EthKey.Generate().Address;
        var quote = await CreateQuoteAsync(url, beneficiary, asset, "1.5");
        var id = quote.GetProperty("id").GetString()!;
        var due = Big(quote.GetProperty("amountDue").GetProperty("baseUnits"));
        var quotedNoz = Big(quote.GetProperty("noz"));
        Assert.Equal(new BigInteger(1_500_000_000), quotedNoz);
        Assert.Equal("awaiting-payment", quote.GetProperty("settlement").GetProperty("state").GetString());

        var tx = await fx.PayAsync(chain, await fx.PayerAsync(chain), id, beneficiary, due);
        var pending = await WaitForSettlementAsync(url, id, "payment-pending-finality", service);
        var seen = Assert.Single(pending.GetProperty("settlement").GetProperty("payments").EnumerateArray());
        Assert.Equal(tx, seen.GetProperty("txHash").GetString());
        Assert.Equal(Confirmations + 1, seen.GetProperty("confirmations").GetProperty("needed").GetInt64());
        Assert.Equal(BigInteger.Zero, fx.Companion.OzoneBalance(beneficiary)); // nothing before finality

        await fx.MakeFinalAsync(chain);
        var credited = await WaitForSettlementAsync(url, id, "credited", service);
        var payment = Assert.Single(credited.GetProperty("settlement").GetProperty("payments").EnumerateArray());
        Assert.Equal("paid", payment.GetProperty("outcome").GetString());
        Assert.Equal(due, Big(payment.GetProperty("amount").GetProperty("baseUnits")));
        // every change of the payment's status is on its timeline, as the state machine moved it
        Assert.Equal(["pending", "final", "matched"],
            payment.GetProperty("timeline").EnumerateArray().Select(s => s.GetProperty("state").GetString()!).ToArray());
        var credit = payment.GetProperty("credit");
        Assert.Equal("completed", credit.GetProperty("status").GetString());
        Assert.Equal(Big(quote.GetProperty("stosWei")), Big(credit.GetProperty("stosWei")));
        var purchased = Big(credit.GetProperty("purchasedNoz"));

        // The companion (the chain's formula, applied to the chain's state) gave the beneficiary the quoted Ozone, once.
        var balance = fx.Companion.OzoneBalance(beneficiary);
        Assert.Equal(purchased, balance);
        Assert.True(BigInteger.Abs(balance - quotedNoz) <= 1, $"bought {balance} noz for a quote of {quotedNoz}");
        var prepay = Assert.Single(fx.Companion.Prepays, p => p.Beneficiary == beneficiary);
        Assert.True(prepay.Applied, prepay.FailureReason);
        Assert.Equal(credit.GetProperty("txHash").GetString(), prepay.TxHash);
        Assert.Equal(balance, await StratosDevnetCompanion.RequestOzoneAsync(fx.Companion.Url, beneficiary));
    }

    [Fact]
    public async Task A_SOL_payment_carrying_the_quotes_reference_buys_the_quoted_ozone_once_after_finality()
    {
        var (service, url, db) = await fx.StartServiceAsync("pay_solana");
        await using var _ = db;
        await using var __ = service;
        var beneficiary = EthKey.Generate().Address;
        var quote = await CreateQuoteAsync(url, beneficiary, "SOL", "0.75");
        var id = quote.GetProperty("id").GetString()!;
        var due = Big(quote.GetProperty("amountDue").GetProperty("baseUnits"));
        var quotedNoz = Big(quote.GetProperty("noz"));
        var request = quote.GetProperty("payment").GetProperty("solana");
        Assert.Equal(fx.SolanaRecipient, request.GetProperty("recipient").GetString());

        var payer = (await fx.Solana.CreateFundedKeypairsAsync(1, 10_000_000_000))[0];
        var sent = Assert.Single(await fx.Solana.SendTransfersAsync(
            [new SolanaTestTransfer(payer, fx.SolanaRecipient, (ulong)due) { References = [request.GetProperty("reference").GetString()!] }]));
        Assert.True(sent.Accepted, sent.ErrorMessage);

        var credited = await WaitForSettlementAsync(url, id, "credited", service);
        var payment = Single(credited);
        Assert.Equal(sent.Signature, payment.GetProperty("txHash").GetString());
        Assert.Equal("solana", payment.GetProperty("chain").GetString());
        Assert.Equal("paid", payment.GetProperty("outcome").GetString());
        Assert.Equal(due, Big(payment.GetProperty("amount").GetProperty("baseUnits")));
        var balance = fx.Companion.OzoneBalance(beneficiary);
        Assert.Equal(Big(payment.GetProperty("credit").GetProperty("purchasedNoz")), balance);
        Assert.True(BigInteger.Abs(balance - quotedNoz) <= 1, $"bought {balance} noz for a quote of {quotedNoz}");
        Assert.Single(fx.Companion.Prepays, p => p.Beneficiary == beneficiary && p.Applied);
    }

    [Fact]
    public async Task Under_over_late_unknown_and_double_payments_end_in_their_documented_states_and_nothing_is_credited_twice()
    {
        const string chain = "ethereum";
        var (service, url, db) = await fx.StartServiceAsync("pay_policy");
        await using var _ = db;
        await using var __ = service;
        var payer = await fx.PayerAsync(chain);

        Task<OneOzQuote> NewQuoteAsync() => OneOzEthQuoteAsync(url);

        var under = await NewQuoteAsync();
        var over = await NewQuoteAsync();
        var late = await NewQuoteAsync();
        var twice = await NewQuoteAsync();
        // Late: the quote's rate lock ran out before the payment (its times moved back 20 minutes; the window is 24 h).
        await BridgeService.CountAsync(db, $"""
            WITH q AS (UPDATE quotes SET created_at = created_at - interval '20 minutes', expires_at = expires_at - interval '20 minutes'
                        WHERE id = '{late.Id}' RETURNING 1) SELECT count(*) FROM q
            """);
        var unknownQuote = "0x" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var stranger = EthKey.Generate().Address;

        await fx.PayAsync(chain, payer, under.Id, under.Beneficiary, under.Due * 9 / 10);
        await fx.PayAsync(chain, payer, over.Id, over.Beneficiary, over.Due * 2);
        await fx.PayAsync(chain, payer, late.Id, late.Beneficiary, late.Due);
        var firstTx = await fx.PayAsync(chain, payer, twice.Id, twice.Beneficiary, twice.Due);
        var secondTx = await fx.PayAsync(chain, payer, twice.Id, twice.Beneficiary, twice.Due);
        var unknownTx = await fx.PayAsync(chain, payer, unknownQuote, stranger, twice.Due);
        await fx.MakeFinalAsync(chain);

        var underPaid = Single(await WaitForSettlementAsync(url, under.Id, "credited", service));
        Assert.Equal("under-paid", underPaid.GetProperty("outcome").GetString());
        Assert.Equal(under.Stos * (under.Due * 9 / 10) / under.Due, Big(underPaid.GetProperty("credit").GetProperty("stosWei")));

        var overPaid = Single(await WaitForSettlementAsync(url, over.Id, "credited", service));
        Assert.Equal("over-paid", overPaid.GetProperty("outcome").GetString());
        // the amount due buys the quoted STOS; the second amount due is priced at the current rates, which have not moved
        var overStos = Big(overPaid.GetProperty("credit").GetProperty("stosWei"));
        Assert.True(overStos >= over.Stos * 2 && overStos - over.Stos * 2 < over.Stos / 1000, $"over-paid credit {overStos} vs quoted {over.Stos}");

        // Re-priced at current rates: the fakes' prices have not moved, so the same rates, without the ceiling's remainder.
        var latePaid = Single(await WaitForSettlementAsync(url, late.Id, "credited", service));
        Assert.Equal("late", latePaid.GetProperty("outcome").GetString());
        var lateStos = Big(latePaid.GetProperty("credit").GetProperty("stosWei"));
        Assert.True(lateStos >= late.Stos && lateStos - late.Stos < late.Stos / 1000, $"late credit {lateStos} vs quoted {late.Stos}");

        var doubled = await WaitForSettlementAsync(url, twice.Id, "credited", service);
        var payments = doubled.GetProperty("settlement").GetProperty("payments").EnumerateArray().ToList();
        Assert.Equal(2, payments.Count);
        Assert.Equal(firstTx, payments[0].GetProperty("txHash").GetString());
        Assert.Equal("paid", payments[0].GetProperty("outcome").GetString());
        await Eventually.HoldsAsync(async () =>
                Single(await QuoteAsync(url, twice.Id), secondTx).GetProperty("status").GetString() == "unmatched",
            TimeSpan.FromSeconds(120), "the second payment to be judged");
        var second = Single(await QuoteAsync(url, twice.Id), secondTx);
        Assert.Equal("duplicate", second.GetProperty("outcome").GetString());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("credit").ValueKind);

        await Eventually.HoldsAsync(() => BridgeService.CountAsync(db,
                $"SELECT count(*) FROM payments WHERE tx_hash = '{unknownTx}' AND status = 'unmatched' AND outcome = 'unknown-quote'"),
            n => n == 1, TimeSpan.FromSeconds(120), "the payment for an unknown quote to be unmatched");

        // One applied prepay per credited quote; none for the stranger named by the unknown quote's payment.
        foreach (var beneficiary in new[] { under.Beneficiary, over.Beneficiary, late.Beneficiary, twice.Beneficiary })
        {
            Assert.Single(fx.Companion.Prepays, p => p.Beneficiary == beneficiary && p.Applied);
        }
        Assert.DoesNotContain(fx.Companion.Prepays, p => p.Beneficiary == stranger);
        Assert.Equal(BigInteger.Zero, fx.Companion.OzoneBalance(stranger));
        Assert.Equal(4, await BridgeService.CountAsync(db, "SELECT count(*) FROM credits"));
    }

    [Fact]
    public async Task A_dust_payment_copying_the_quote_id_does_not_block_the_quote_both_are_credited_and_the_beneficiary_gets_the_quoted_ozone()
    {
        const string chain = "ethereum";
        var (service, url, db) = await fx.StartServiceAsync("pay_dust");
        await using var _ = db;
        await using var __ = service;
        var (id, beneficiary, due, quotedStos, quotedNoz) = await OneOzEthQuoteAsync(url);

        // someone copies the quote id (and beneficiary) from the mempool and pays dust first; then the real payment
        var dustTx = await fx.PayAsync(chain, await fx.PayerAsync(chain), id, beneficiary, 1000);
        var realTx = await fx.PayAsync(chain, await fx.PayerAsync(chain), id, beneficiary, due);
        await fx.MakeFinalAsync(chain);

        await Eventually.HoldsAsync(() => BridgeService.CountAsync(db,
                $"SELECT count(*) FROM credits c JOIN payments p ON p.id = c.payment_id WHERE p.quote_id = '{id}' AND c.purchased_noz IS NOT NULL"),
            n => n == 2, TimeSpan.FromSeconds(90), "both payments of the quote to be credited");
        var settled = await QuoteAsync(url, id);
        var dust = Single(settled, dustTx);
        var real = Single(settled, realTx);
        Assert.Equal("under-paid", dust.GetProperty("outcome").GetString());
        Assert.Equal(quotedStos * 1000 / due, Big(dust.GetProperty("credit").GetProperty("stosWei")));
        Assert.Equal("paid", real.GetProperty("outcome").GetString());
        // the two credits add up to the quoted STOS exactly: the amount due bought the quoted Ozone
        Assert.Equal(quotedStos, Big(dust.GetProperty("credit").GetProperty("stosWei")) + Big(real.GetProperty("credit").GetProperty("stosWei")));
        Assert.Equal(2, fx.Companion.Prepays.Count(p => p.Beneficiary == beneficiary && p.Applied));
        var balance = fx.Companion.OzoneBalance(beneficiary);
        Assert.True(BigInteger.Abs(balance - quotedNoz) <= 2, $"bought {balance} noz for a quote of {quotedNoz}");
    }

    [Fact]
    public async Task An_over_payment_of_100_times_the_amount_due_gets_the_quoted_stos_and_the_excess_at_the_rate_of_when_it_is_matched()
    {
        const string chain = "ethereum";
        var (service, url, db) = await fx.StartServiceAsync("pay_over100");
        await using var _ = db;
        await using var __ = service;
        var (id, beneficiary, due, quotedStos, _) = await OneOzEthQuoteAsync(url);
        var ethBefore = fx.Prices.Market("ETH");
        try
        {
            // the market moves after the quote: ETH loses 40 % (paying 100× at the locked rate would be a free option)
            fx.Prices.SetMarket(("ETH", ethBefore * 0.6m));
            JsonElement rates = default;
            await Eventually.HoldsAsync(async () =>
            {
                rates = (await CreateQuoteAsync(url, EthKey.Generate().Address, "ETH", "1")).GetProperty("rates").Clone();
                return decimal.Parse(rates.GetProperty("assetUsd").GetString()!, CultureInfo.InvariantCulture) == ethBefore * 0.6m;
            }, TimeSpan.FromSeconds(30), "the service to see the new ETH price");

            var payer = await fx.PayerAsync(chain, coins: 1000);
            var tx = await fx.PayAsync(chain, payer, id, beneficiary, due * 100);
            await fx.MakeFinalAsync(chain);

            var credited = Single(await WaitForSettlementAsync(url, id, "credited", service), tx);
            Assert.Equal("over-paid", credited.GetProperty("outcome").GetString());
            var excessStos = ExactAmount.StosWeiFor(due * 99, Dec(rates.GetProperty("stosUsd")), Dec(rates.GetProperty("assetUsd")),
                Dec(rates.GetProperty("spreadPercent")), 18);
            Assert.Equal(quotedStos + excessStos, Big(credited.GetProperty("credit").GetProperty("stosWei")));
            Assert.True(quotedStos + excessStos < quotedStos * 61, "the excess was priced at the fallen ETH price");
        }
        finally
        {
            fx.Prices.SetMarket(("ETH", ethBefore));
        }
    }

    /// <summary>A 1 OZ quote payable in ETH, for a fresh beneficiary.</summary>
    private sealed record OneOzQuote(string Id, EthAddress Beneficiary, BigInteger Due, BigInteger Stos, BigInteger Noz);

    private static async Task<OneOzQuote> OneOzEthQuoteAsync(Uri url)
    {
        var beneficiary = EthKey.Generate().Address;
        var quote = await CreateQuoteAsync(url, beneficiary, "ETH", "1");
        return new OneOzQuote(quote.GetProperty("id").GetString()!, beneficiary, Big(quote.GetProperty("amountDue").GetProperty("baseUnits")),
            Big(quote.GetProperty("stosWei")), Big(quote.GetProperty("noz")));
    }

    private static decimal Dec(JsonElement value) => decimal.Parse(value.GetString()!, CultureInfo.InvariantCulture);

    private static JsonElement Single(JsonElement quote) =>
        Assert.Single(quote.GetProperty("settlement").GetProperty("payments").EnumerateArray());

    private static JsonElement Single(JsonElement quote, string txHash) =>
        Assert.Single(quote.GetProperty("settlement").GetProperty("payments").EnumerateArray(), p => p.GetProperty("txHash").GetString() == txHash);
}
