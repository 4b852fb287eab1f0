using Microsoft.Extensions.Logging;
using StratosBridge.Chains.Solana;
using StratosBridge.Chains.Solana.Pay;
using StratosBridge.Ledger.Payments;
using StratosBridge.Ledger.Quotes;
using StratosBridge.Pricing.Payments;
using StratosBridge.Tests.Integration.Hosting;
using StratosBridge.Tests.Integration.Ledger;
using StratosBridge.TestKit;
using StratosBridge.TestKit.Postgres;
using StratosBridge.TestKit.Solana;

namespace StratosBridge.Tests.Integration.Solana;

/// <summary>
/// The Solana payment watcher against the LiteSVM devnet and a database of the test's own: SOL quotes are created in the
/// ledger, paid (or not quite) on the devnet by @solana/kit-built transactions, and the ledger must hold exactly the
/// valid payments — each once, however often the watcher looks or restarts — with @solana/pay's validateTransfer
/// agreeing on every transaction.
/// </summary>
[Collection(SolanaDevnetFixture.Collection)]
public sealed class SolanaPaymentWatcherTests(SolanaDevnetFixture fixture)
{
    private const ulong Price = 250_000_000; // 0.25 SOL

    [Fact]
    public async Task A_quote_paid_twice_gets_two_final_payments_from_the_watcher_that_holds_the_lock()
    {
        var keys = await SolanaDevnetNode.CreateKeypairsAsync(3);
        var (payer, other, recipient) = (keys[0], keys[1], keys[2].Address);
        await fixture.Node.AirdropAsync(payer.Address, 2_000_000_000);
        await fixture.Node.AirdropAsync(other.Address, 2_000_000_000);
        await using var db = await TestDatabase.CreateAsync("solana_paid_twice");
        await using var first = await SolanaWatcherHarness.CreateAsync(db, fixture.Node.RpcUrl, recipient, "watcher-a");
        await first.StartWatcherAsync();
        await Eventually.HoldsAsync(async () => first.Logs.At(LogLevel.Information, "holds the chain's watcher lock").Count == 1,
            TimeSpan.FromSeconds(120), "the first watcher to take the lock");
        await using var second = await SolanaWatcherHarness.CreateAsync(db, fixture.Node.RpcUrl, recipient, "watcher-b");
        await second.StartWatcherAsync();
        var quote = await first.CreateQuoteAsync(Price);

        var sent = await fixture.Node.SendTransfersAsync(
        [
            new SolanaTestTransfer(payer, recipient, Price) { References = [quote.SolanaReference!] },
            new SolanaTestTransfer(other, recipient, Price / 2) { References = [quote.SolanaReference!] },
        ]);
        Assert.All(sent, s => Assert.True(s.Accepted, s.ErrorMessage));
        var payments = await Eventually.HoldsAsync(() => first.Payments.ForQuoteAsync(quote.Id), p => p.Count == 2,
            TimeSpan.FromSeconds(120), "both payments of the quote to be recorded");
        var polls = first.Logs.At(LogLevel.Debug, "looked up").Count;
        await Eventually.HoldsAsync(async () => first.Logs.At(LogLevel.Debug, "looked up").Count >= polls + 3, TimeSpan.FromSeconds(120),
            "three more polls"); // after which there are still two

        Assert.Equal(2, (await first.Payments.ForQuoteAsync(quote.Id)).Count);
        Assert.Equal(new[] { sent[0].Signature, sent[1].Signature }.Order(StringComparer.Ordinal),
            payments.Select(p => p.TxHash).Order(StringComparer.Ordinal));
        var byTx = payments.ToDictionary(p => p.TxHash);
        Assert.Equal((Price, payer.Address, "final"), ((ulong)byTx[sent[0].Signature].Amount, byTx[sent[0].Signature].Payer, byTx[sent[0].Signature].Status));
        Assert.Equal((Price / 2, other.Address, "final"), ((ulong)byTx[sent[1].Signature].Amount, byTx[sent[1].Signature].Payer, byTx[sent[1].Signature].Status));
        // Only the first instance watches: the second never took the lock, and the head row names the first.
        Assert.Empty(second.Logs.At(LogLevel.Information, "holds the chain's watcher lock"));
        Assert.Equal(1, await first.ScalarAsync("SELECT count(*) FROM chain_heads WHERE chain = 'solana' AND watcher_instance = 'watcher-a' AND finalized > 0"));
    }

    [Fact]
    public async Task Transactions_that_are_not_valid_payments_are_logged_once_never_recorded_and_solana_pay_agrees()
    {
        var keys = await SolanaDevnetNode.CreateKeypairsAsync(5);
        var (payer, poor, recipient, stranger, decoy) = (keys[0], keys[1], keys[2].Address, keys[3].Address, keys[4].Address);
        await fixture.Node.AirdropAsync(payer.Address, 10_000_000_000);
        await fixture.Node.AirdropAsync(poor.Address, 10_000_000); // pays fees, not 5 SOL
        await using var db = await TestDatabase.CreateAsync("solana_invalid");
        await using var harness = await SolanaWatcherHarness.CreateAsync(db, fixture.Node.RpcUrl, recipient);
        var q = new List<QuoteRow>();
        for (var i = 0; i < 7; i++)
        {
            q.Add(await harness.CreateQuoteAsync(Price));
        }
        string Ref(int i) => q[i].SolanaReference!;

        // (name, quote, transaction, the code our validator gives it; null: a valid payment)
        var cases = new (string Name, int Quote, SolanaTestTransfer Sent, string? Code)[]
        {
            ("good payment", 0, new(payer, recipient, Price) { References = [Ref(0)] }, null),
            ("payment without the reference", 1, new(payer, recipient, Price), "reference-missing"),
            ("reference not the only extra account", 2, new(payer, recipient, Price) { References = [decoy, Ref(2)] }, "reference-missing"),
            ("failed transaction", 3, new(poor, recipient, 5_000_000_000) { References = [Ref(3)], SkipPreflight = true }, "transaction-failed"),
            ("payment to another recipient", 4, new(payer, stranger, Price) { References = [Ref(4)] }, "recipient-mismatch"),
            ("memo after the transfer", 5, new(payer, recipient, Price) { References = [Ref(5)], Memo = "x", MemoAfterTransfer = true }, "not-a-transfer"),
            ("zero lamports", 6, new(payer, recipient, 0) { References = [Ref(6)] }, "amount-too-low"),
        };
        var sent = await fixture.Node.SendTransfersAsync(cases.Select(c => c.Sent).ToArray());
        Assert.All(sent, s => Assert.True(s.Accepted, s.ErrorMessage));
        foreach (var s in sent)
        {
            await fixture.Node.WaitForTransactionAsync(s.Signature);
        }

        var first = await harness.Scanner.PollAsync();
        var again = new[] { await harness.Scanner.PollAsync(), await harness.Scanner.PollAsync() };

        // The watcher's verdicts: the six transactions that reached the recipient read once, the good payment recorded, the
        // four others that carry a quote's reference judged invalid and not recorded…
        Assert.Equal((7, 6, 6, 1, 4), (first.Monitored, first.Listed, first.Read, first.Recorded, first.Invalid));
        Assert.All(again, p => Assert.Equal((7, 0, 0, 0, 0), (p.Monitored, p.Listed, p.Read, p.Recorded, p.Invalid)));
        var recorded = (await Task.WhenAll(q.Select(quote => harness.Payments.ForQuoteAsync(quote.Id)))).SelectMany(p => p).ToList();
        Assert.Equal(sent[0].Signature, Assert.Single(recorded).TxHash);
        // …but none is lost: each of those four is a failed source event with its reason (the one without the reference is
        // no payment for a quote, the one to another recipient never reaches ours).
        Assert.Equal(4, await harness.ScalarAsync("SELECT count(*) FROM source_events WHERE chain = 'solana' AND status = 'failed' AND failure LIKE 'not a valid Solana Pay payment (%'"));
        // …each invalid one logged exactly once, with its reason.
        var problems = new List<string>();
        for (var i = 1; i < cases.Length; i++)
        {
            var lines = harness.Logs.At(LogLevel.Warning, sent[i].Signature);
            // the one without the reference is no payment for a quote; the one to another recipient never reaches ours
            var expected = cases[i].Name is "payment without the reference" or "payment to another recipient" ? 0 : 1;
            if (lines.Count != expected || lines.Any(l => !l.Message.Contains($"({cases[i].Code})", StringComparison.Ordinal)))
            {
                problems.Add($"{cases[i].Name}: {lines.Count} warning(s), expected {expected} with ({cases[i].Code}): {string.Join(" | ", lines.Select(l => l.Message))}");
            }
        }
        // Our validator's reason for each (the one without the reference, too) and @solana/pay's verdict, as the watcher asks.
        var validator = new SolanaTransferValidator(fixture.Client);
        var theirs = (await NodeScript.RunAsync("solana-pay-check.mjs", new
        {
            rpcUrl = fixture.Node.RpcUrl.ToString(),
            commitment = "finalized",
            validate = cases.Select((c, i) => new
            {
                id = c.Name,
                signature = sent[i].Signature,
                recipient,
                amount = SolanaPayUri.Sol(1),
                reference = new[] { Ref(c.Quote) },
                memo = (string?)null,
            }),
        })).GetProperty("validate").EnumerateArray().ToArray();
        for (var i = 0; i < cases.Length; i++)
        {
            var ours = await validator.ValidateAsync(SolanaSignature.Parse(sent[i].Signature),
                new SolanaTransferExpectation(SolanaPublicKey.Parse(recipient), 1) { References = [SolanaPublicKey.Parse(Ref(cases[i].Quote))] });
            var watcherSaysValid = recorded.Any(p => p.TxHash == sent[i].Signature);
            var theirValid = theirs[i].GetProperty("valid").GetBoolean();
            if (ours.Code != cases[i].Code)
            {
                problems.Add($"{cases[i].Name}: our validator says {ours.Code ?? "valid"} ({ours.Detail}), expected {cases[i].Code ?? "valid"}");
            }
            if (watcherSaysValid != theirValid || watcherSaysValid != (cases[i].Code is null))
            {
                problems.Add($"{cases[i].Name}: watcher {(watcherSaysValid ? "recorded it" : "did not record it")}, @solana/pay says " +
                             (theirValid ? "valid" : theirs[i].GetProperty("error").GetString()));
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task A_real_payment_is_recorded_by_the_next_poll_while_thousands_of_unpaid_quotes_are_open()
    {
        const int flood = 5000;
        var keys = await SolanaDevnetNode.CreateKeypairsAsync(2);
        var (payer, recipient) = (keys[0], keys[1].Address);
        await fixture.Node.AirdropAsync(payer.Address, 2_000_000_000);
        await using var db = await TestDatabase.CreateAsync("solana_flood");
        await using var harness = await SolanaWatcherHarness.CreateAsync(db, fixture.Node.RpcUrl, recipient);
        var real = await harness.CreateQuoteAsync(Price); // a customer's quote, then a flood of quotes nobody pays
        await harness.FloodAsync(real, flood);
        var before = await harness.Scanner.PollAsync();

        var sent = await fixture.Node.SendTransfersAsync([new SolanaTestTransfer(payer, recipient, Price) { References = [real.SolanaReference!] }]);
        Assert.True(sent[0].Accepted, sent[0].ErrorMessage);
        await fixture.Node.WaitForTransactionAsync(sent[0].Signature);
        var after = await harness.Scanner.PollAsync();

        // The poll after finality records the payment, and what it read is the one transaction that reached the recipient:
        // the open quotes cost the RPC nothing.
        Assert.Equal((flood + 1, 0, 0, 0), (before.Monitored, before.Listed, before.Read, before.Recorded));
        Assert.Equal((flood + 1, 1, 1, 1, 0), (after.Monitored, after.Listed, after.Read, after.Recorded, after.Invalid));
        var payment = Assert.Single(await harness.Payments.ForQuoteAsync(real.Id));
        Assert.Equal((sent[0].Signature, "final", Price), (payment.TxHash, payment.Status, (ulong)payment.Amount));
        Assert.Equal(1, await harness.PaymentCountAsync());
    }

    [Fact]
    public async Task A_restarted_watcher_records_nothing_twice_and_reads_no_recorded_transaction_again()
    {
        var keys = await SolanaDevnetNode.CreateKeypairsAsync(2);
        var (payer, recipient) = (keys[0], keys[1].Address);
        await fixture.Node.AirdropAsync(payer.Address, 2_000_000_000);
        await using var db = await TestDatabase.CreateAsync("solana_restart");
        var before = await SolanaWatcherHarness.CreateAsync(db, fixture.Node.RpcUrl, recipient, "before-restart");
        var once = await before.CreateQuoteAsync(Price);
        var twice = await before.CreateQuoteAsync(Price);
        var sent = await fixture.Node.SendTransfersAsync(
        [
            new SolanaTestTransfer(payer, recipient, Price) { References = [once.SolanaReference!] },
            new SolanaTestTransfer(payer, recipient, Price) { References = [twice.SolanaReference!] },
            new SolanaTestTransfer(payer, recipient, Price + 7) { References = [twice.SolanaReference!] },
        ]);
        Assert.All(sent, s => Assert.True(s.Accepted, s.ErrorMessage));
        await fixture.Node.WaitForTransactionAsync(sent[2].Signature);
        var first = await before.Scanner.PollAsync();
        await before.DisposeAsync();

        await using var after = await SolanaWatcherHarness.CreateAsync(db, fixture.Node.RpcUrl, recipient, "after-restart");
        var restarted = await after.Scanner.PollAsync();
        await after.StartWatcherAsync(); // and the whole watcher, a few polls long
        await Eventually.HoldsAsync(async () => after.Logs.At(LogLevel.Debug, "looked up").Count >= 3, TimeSpan.FromSeconds(120),
            "the restarted watcher to poll a few times");

        Assert.Equal((3, 3, 3), (first.Listed, first.Read, first.Recorded));
        Assert.Equal((3, 0, 0), (restarted.Listed, restarted.Read, restarted.Recorded)); // looked back, read nothing, recorded nothing
        Assert.Equal(3, await after.PaymentCountAsync());
        Assert.Equal(3, await after.ScalarAsync("SELECT count(*) FROM source_events WHERE chain = 'solana'"));
        Assert.Equal(2, (await after.Payments.ForQuoteAsync(twice.Id)).Count);
        Assert.Empty(after.Logs.At(LogLevel.Information, "Solana payment"));
    }

    [Fact]
    public async Task The_watcher_rides_out_a_ledger_restart_and_records_what_was_paid_meanwhile()
    {
        var keys = await SolanaDevnetNode.CreateKeypairsAsync(2);
        var (payer, recipient) = (keys[0], keys[1].Address);
        await fixture.Node.AirdropAsync(payer.Address, 2_000_000_000);
        await using var cluster = await PostgresCluster.StartPrivateAsync();
        var db = await cluster.CreateDatabaseAsync("solana_ledger_down");
        await using var harness = await SolanaWatcherHarness.CreateAsync(db, fixture.Node.RpcUrl, recipient);
        var early = await harness.CreateQuoteAsync(Price);
        var late = await harness.CreateQuoteAsync(Price);
        await harness.StartWatcherAsync();
        var first = await fixture.Node.SendTransfersAsync([new SolanaTestTransfer(payer, recipient, Price) { References = [early.SolanaReference!] }]);
        await Eventually.HoldsAsync(async () => await harness.PaymentCountAsync() == 1, TimeSpan.FromSeconds(120), "the first payment");

        // PostgreSQL goes away for two seconds (about twenty takeover attempts) while the second payment finalizes.
        var restart = cluster.RestartAsync(TimeSpan.FromSeconds(2));
        var second = await fixture.Node.SendTransfersAsync([new SolanaTestTransfer(payer, recipient, Price) { References = [late.SolanaReference!] }]);
        await restart;
        await Eventually.HoldsAsync(async () => await harness.PaymentCountAsync() == 2, TimeSpan.FromSeconds(120), "the second payment after the restart");

        Assert.All(first.Concat(second), s => Assert.True(s.Accepted, s.ErrorMessage));
        Assert.Equal(second[0].Signature, Assert.Single(await harness.Payments.ForQuoteAsync(late.Id)).TxHash);
        Assert.False(harness.Watcher.ExecuteTask!.IsCompleted, "the watcher stopped");
        var outage = harness.Logs.At(LogLevel.Warning, "Watcher of solana failed").Count;
        Assert.InRange(outage, 1, 3); // said when it started, not at every retry
        Assert.DoesNotContain(harness.Logs.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task The_service_records_solana_payments_in_the_watchers_role_when_solana_is_configured()
    {
        var keys = await SolanaDevnetNode.CreateKeypairsAsync(2);
        var (payer, recipient) = (keys[0], keys[1].Address);
        await fixture.Node.AirdropAsync(payer.Address, 2_000_000_000);
        await using var ledger = await LedgerHarness.CreateAsync("solana_service");
        var (_, quote) = await ledger.Get<QuoteStore>().CreateAsync(SolanaWatcherHarness.SolQuote(recipient, Price));
        var env = ServiceProcess.Environment(ledger.Database.ConnectionString, "watchers", "service-solana");
        env["Solana__RpcUrl"] = fixture.Node.RpcUrl.ToString();
        env["Solana__PollInterval"] = "00:00:00.200";
        env["Pricing__Payments__solana__Recipient"] = recipient;
        var (service, _) = await ServiceProcess.StartAsync("service-solana", env);
        await using var _ = service;

        var sent = await fixture.Node.SendTransfersAsync([new SolanaTestTransfer(payer, recipient, Price) { References = [quote.SolanaReference!] }]);
        var payments = await Eventually.HoldsAsync(() => ledger.Get<PaymentStore>().ForQuoteAsync(quote.Id), p => p.Count == 1,
            TimeSpan.FromSeconds(120), $"the service to record the payment\n{service.OutputTail}");

        Assert.Equal((sent[0].Signature, "final", Price), (payments[0].TxHash, payments[0].Status, (ulong)payments[0].Amount));
        Assert.Equal(1, await ledger.ScalarAsync("SELECT count(*) FROM chain_heads WHERE chain = 'solana' AND watcher_instance = 'service-solana'"));
    }

    [Fact]
    public async Task An_unreachable_rpc_is_logged_once_and_does_not_stop_the_watcher()
    {
        var recipient = (await SolanaDevnetNode.CreateAddressesAsync(1))[0];
        await using var db = await TestDatabase.CreateAsync("solana_rpc_down");
        await using var harness = await SolanaWatcherHarness.CreateAsync(db, new Uri($"http://127.0.0.1:{FreePort.Next()}"), recipient);
        await harness.CreateQuoteAsync(Price);

        await harness.StartWatcherAsync();
        await Eventually.HoldsAsync(async () => harness.Logs.At(LogLevel.Debug, "Watcher of solana failed").Count >= 3,
            TimeSpan.FromSeconds(120), "the watcher to retry a few times");

        Assert.Single(harness.Logs.At(LogLevel.Warning, "Watcher of solana failed"));
        Assert.False(harness.Watcher.ExecuteTask!.IsCompleted, "the watcher stopped");
        Assert.DoesNotContain(harness.Logs.Entries, e => e.Level >= LogLevel.Error);
    }
}
