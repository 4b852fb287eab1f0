using System.Globalization;
using System.Numerics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StratosBridge.Api.Quotes;
using StratosBridge.Core.Ledger;
using StratosBridge.Core.Quotes;
using StratosBridge.Ledger.OutgoingTxs;
using StratosBridge.Ledger.Payments;
using StratosBridge.Ledger.Quotes;
using StratosBridge.Ledger.Relaying;
using StratosBridge.Ledger.SourceEvents;
using StratosBridge.Ledger.Watching;
using StratosBridge.Relayer.Payments;

namespace StratosBridge.Tests.Integration.Api;

/// <summary>
/// Puts quotes, payments and credits in place the way the service does: quotes through <see cref="QuoteStore"/>, an
/// <c>OzonePaid</c> through the chain scanner's store (pending, then final), the matcher's decision through
/// <see cref="PaymentStore.MatchNextAsync"/>, and a credit's claim → signed prepay → receipt through <see cref="CreditStore"/>.
/// Only times are moved with plain SQL (a quote made "earlier", a credit waiting for a while).
/// </summary>
public sealed class PaymentSeed(IServiceProvider services)
{
    public const string Worker = "credit-worker:test";

    /// <summary>The relayer's Stratos account that signs prepays (anvil key #1).</summary>
    public const string Signer = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

    /// <summary>An ETH quote for 1 OZ (the amounts of QuoteApiTests' hand computation).</summary>
    public static readonly BigInteger OneOzNoz = 1_000_000_000;
    public static readonly BigInteger OneOzStosWei = BigInteger.Parse("1000000000010001", CultureInfo.InvariantCulture);
    public static readonly BigInteger OneOzEthDue = BigInteger.Parse("84166666668", CultureInfo.InvariantCulture);

    private T Get<T>() where T : notnull => services.GetRequiredService<T>();

    /// <summary>An ETH quote on ethereum for 1 OZ for <paramref name="beneficiary"/>, open for 15 minutes, watched 24 hours.</summary>
    public async Task<QuoteRow> QuoteAsync(string beneficiary)
    {
        var (outcome, quote) = await Get<QuoteStore>().CreateAsync(new NewQuote(QuoteService.NewQuoteId(), beneficiary.ToLowerInvariant(), "ETH", "ethereum",
            ApiChains.EthereumOzonePayments.ToLowerInvariant(), 1, OneOzNoz, OneOzStosWei, OneOzEthDue, 0.25m, 3000m, 1m, null,
            TimeSpan.FromMinutes(15), TimeSpan.FromHours(24), """{"test":true}"""));
        Assert.Equal(Recorded.Inserted, outcome);
        return quote;
    }

    /// <summary>Moves a quote's creation, expiry and monitoring window <paramref name="by"/> into the past.</summary>
    public Task AgeQuoteAsync(string quoteId, TimeSpan by) =>
        ExecuteAsync("""
            UPDATE quotes SET created_at = created_at - @by, expires_at = expires_at - @by, monitor_until = monitor_until - @by
             WHERE id = @id
            """, ("by", by), ("id", quoteId));

    /// <summary>An <c>OzonePaid</c> log seen by the watcher in <paramref name="block"/>: a pending payment; returns its id.</summary>
    public async Task<long> PaidAsync(string chain, string txHash, long block, string quoteId, string payer, string beneficiary,
        BigInteger amount, DateTimeOffset paidAt, int logIndex = 0)
    {
        var asset = chain == "bsc" ? "BNB" : "ETH";
        var payment = new ObservedPayment(txHash, logIndex.ToString(CultureInfo.InvariantCulture), block, LedgerSeed.BlockHash(block),
            paidAt, quoteId, payer.ToLowerInvariant(), beneficiary.ToLowerInvariant(), asset, amount, """{"test":true}""");
        Assert.Equal(1, await Get<ChainScanStore>().RecordRangeAsync(chain, [], [payment], [],
            new ChainCheckpoint(block, LedgerSeed.BlockHash(block)), "watcher:test"));
        return await PaymentIdAsync(chain, txHash, logIndex);
    }

    /// <summary>The payment's block became final: pending → final.</summary>
    public async Task FinalAsync(string chain, string txHash, long finalizedBlock, int logIndex = 0)
    {
        var source = await Get<SourceEventStore>().FindAsync(chain, txHash, logIndex.ToString(CultureInfo.InvariantCulture));
        await Get<ChainScanStore>().FinalizeAsync(chain, [source!.Id], finalizedBlock, "watcher:test");
    }

    /// <summary>The payment's block was reorganised away: pending → orphaned.</summary>
    public async Task OrphanAsync(string chain, string txHash, int logIndex = 0)
    {
        var source = await Get<SourceEventStore>().FindAsync(chain, txHash, logIndex.ToString(CultureInfo.InvariantCulture));
        await Get<ChainScanStore>().OrphanAsync(chain, [source!.Id], "watcher:test"); // counts transfers only: none here
    }

    /// <summary>
    /// The matcher decides the next final payment (there must be one) by the real <see cref="PaymentPolicy"/> (1 % tolerance,
    /// no current price: a late payment would wait); returns the payment's id and the decision.
    /// </summary>
    public async Task<(long PaymentId, MatchDecision Decision)> MatchAsync()
    {
        var decided = await Get<PaymentStore>().MatchNextAsync((payment, quote, earlier) => PaymentPolicy.Decide(payment, quote, earlier,
            tolerancePercent: 1m, NoCurrentPrice, priceRetry: TimeSpan.FromMinutes(1)));
        Assert.NotNull(decided);
        return (decided.Value.Payment.Id, decided.Value.Decision);
    }

    /// <summary>Final, then matched with a credit (ready); returns the credit id.</summary>
    public async Task<long> MatchedAsync(string chain, string txHash, long block)
    {
        await FinalAsync(chain, txHash, block);
        var (payment, decision) = await MatchAsync();
        Assert.NotNull(decision.Credit);
        return await CreditIdAsync(payment);
    }

    internal static (decimal StosUsd, decimal AssetUsd)? NoCurrentPrice(PayAsset asset, out string? unavailable)
    {
        unavailable = "no current price in this test";
        return null;
    }

    /// <summary>The credit worker claims the (one) due credit, signs and persists its prepay: ready → submitted.</summary>
    public async Task<OutgoingTxRow> SubmittedAsync(long creditId, string txHash)
    {
        var credits = Get<CreditStore>();
        var claimed = Assert.Single(await credits.ClaimAsync(10, Worker, TimeSpan.FromMinutes(1)));
        Assert.Equal(creditId, claimed.Id);
        var row = Assert.Single(await credits.PersistSignedAsync("stratos", Signer, 0, [(creditId, _ => new SignedOutgoingTx([0x02], txHash))], Worker));
        Assert.NotNull(row);
        return row;
    }

    /// <summary>The prepay's receipt: executed → completed in <paramref name="block"/>, then the chain's purchased noz read.</summary>
    public async Task CompletedAsync(OutgoingTxRow tx, long block, BigInteger? purchasedNoz)
    {
        var credits = Get<CreditStore>();
        await credits.CompleteAsync([tx], tx, block, Worker);
        if (purchasedNoz is { } noz)
        {
            var creditId = await ScalarAsync("SELECT id FROM credits WHERE tx_hash = @hash", ("hash", tx.TxHash));
            await credits.RecordPurchasedNozAsync(creditId, noz);
        }
    }

    /// <summary>The prepay reverted: back to ready with the reason, due again at once.</summary>
    public Task RevertedAsync(OutgoingTxRow tx, long block, string reason) =>
        Get<CreditStore>().RetryRevertedAsync([tx], tx, block, reason, TimeSpan.Zero, Worker);

    /// <summary>The worker claims the credit and parks it failed (a permanent refusal).</summary>
    public async Task FailedAsync(long creditId, string reason)
    {
        var credits = Get<CreditStore>();
        Assert.Equal(creditId, Assert.Single(await credits.ClaimAsync(10, Worker, TimeSpan.FromMinutes(1))).Id);
        await credits.FailAsync(creditId, Worker, reason);
    }

    /// <summary>Moves a credit's creation <paramref name="by"/> into the past.</summary>
    public Task AgeCreditAsync(long creditId, TimeSpan by) =>
        ExecuteAsync("UPDATE credits SET created_at = created_at - @by WHERE id = @id", ("by", by), ("id", creditId));

    public Task<long> CreditIdAsync(long paymentId) => ScalarAsync("SELECT id FROM credits WHERE payment_id = @id", ("id", paymentId));

    private Task<long> PaymentIdAsync(string chain, string txHash, int logIndex) =>
        ScalarAsync("""
            SELECT p.id FROM payments p JOIN source_events e ON e.id = p.source_event_id
             WHERE e.chain = @chain AND e.tx_hash = @hash AND e.source_ref = @ref
            """, ("chain", chain), ("hash", txHash), ("ref", logIndex.ToString(CultureInfo.InvariantCulture)));

    private async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var cmd = Get<NpgsqlDataSource>().CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value);
        }
        Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
    }

    private async Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var cmd = Get<NpgsqlDataSource>().CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value);
        }
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
