using StratosBridge.Relayer.Watchers;
using StratosBridge.TestKit;
using StratosBridge.TestKit.Postgres;
using StratosBridge.TestKit.Solana;

namespace StratosBridge.Tests.Integration.Solana;

/// <summary>
/// On a devnet of its own whose finalized commitment trails by 50 slots of 100 ms (five seconds between confirmed and
/// finalized), the scanner looks at a payment while it is only confirmed — and must not record it — then records it
/// once, final, when it is finalized.
/// </summary>
public sealed class SolanaPaymentFinalityTests : IAsyncLifetime
{
    private const ulong Price = 250_000_000;

    private SolanaDevnetNode _node = null!;

    public async Task InitializeAsync() => _node = await SolanaDevnetNode.StartAsync(slotMs: 100, finalityDepth: 50);

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task A_payment_is_recorded_once_it_is_finalized_and_not_while_it_is_only_confirmed()
    {
        var keys = await SolanaDevnetNode.CreateKeypairsAsync(2);
        var (payer, recipient) = (keys[0], keys[1].Address);
        await _node.AirdropAsync(payer.Address, 2_000_000_000);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await TestDatabase.CreateAsync("solana_finality");
            await using var harness = await SolanaWatcherHarness.CreateAsync(db, _node.RpcUrl, recipient);
            var quote = await harness.CreateQuoteAsync(Price);

            var sent = await _node.SendTransfersAsync([new SolanaTestTransfer(payer, recipient, Price) { References = [quote.SolanaReference!] }]);
            Assert.True(sent[0].Accepted, sent[0].ErrorMessage);
            var signature = sent[0].Signature;
            await _node.WaitForTransactionAsync(signature, "confirmed");
            var confirmed = await _node.RpcAsync("getTransaction", signature, new { commitment = "confirmed", encoding = "json" });
            var slot = confirmed.GetProperty("slot").GetUInt64();

            // While the payment is confirmed but not finalized, a look at the quote records nothing. A machine too busy to
            // look within the devnet's five seconds between confirmed and finalized tries again with a new quote and payment.
            var early = await harness.Scanner.PollAsync();
            var finalizedAfterLook = await _node.SlotAsync("finalized");
            if (finalizedAfterLook >= slot)
            {
                Assert.True(attempt < 5, $"in {attempt} tries, finalized ({finalizedAfterLook}) always reached the payment's slot ({slot}) before the look ended");
                continue;
            }
            Assert.Equal(new SolanaScanSummary(Monitored: 1, Listed: 0, Read: 0, Recorded: 0, Invalid: 0), early);
            Assert.Equal(0, await harness.PaymentCountAsync());

            // Once finalized, the next looks record it, once.
            await _node.WaitForTransactionAsync(signature, "finalized");
            var finalized = await _node.RpcAsync("getTransaction", signature, new { commitment = "finalized", encoding = "json" });
            await Eventually.HoldsAsync(async () => (await harness.Scanner.PollAsync()).Recorded == 1 || await harness.PaymentCountAsync() == 1,
                TimeSpan.FromSeconds(120), "the payment to be recorded once finalized");
            // Two more polls list nothing new and read nothing twice.
            var again = await harness.Scanner.PollAsync();
            var later = await harness.Scanner.PollAsync();

            var payment = Assert.Single(await harness.Payments.ForQuoteAsync(quote.Id));
            Assert.Equal(("solana", signature, quote.Id, "SOL", "final"), (payment.Chain, payment.TxHash, payment.QuoteId, payment.Asset, payment.Status));
            Assert.Equal(Price, (ulong)payment.Amount);
            Assert.Equal(payer.Address, payment.Payer);
            Assert.Null(payment.Beneficiary);
            Assert.Equal((long)slot, payment.BlockNumber);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(finalized.GetProperty("blockTime").GetInt64()), payment.PaidAt);
            Assert.NotNull(payment.FinalAt);
            Assert.Equal(0, again.Recorded + later.Recorded);
            Assert.Equal(0, again.Listed + later.Listed); // looked again: nothing new…
            Assert.Equal(0, again.Read + later.Read); // …and nothing read twice
            Assert.Equal(1, await harness.ScalarAsync("""
                SELECT count(*) FROM source_events
                 WHERE chain = 'solana' AND tx_hash = $1 AND source_ref = $2 AND kind = 'solana-pay' AND status = 'finalized'
                   AND payload ->> 'receivedLamports' = $3 AND payload ->> 'recipient' = $4
                """, signature, quote.SolanaReference!, Price.ToString(), recipient));
            return;
        }
    }
}
