using System.Numerics;
using System.Text.Json;
using Npgsql;
using StratosBridge.Core.Ledger;
using StratosBridge.Core.Quotes;
using StratosBridge.Ledger.Quotes;
using StratosBridge.TestKit;

namespace StratosBridge.Tests.Integration.Ledger;

public sealed class QuoteStoreTests
{
    private static NewQuote Quote(string id, string asset = "ETH", TimeSpan? expiry = null) => new(
        id, "0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED", asset, asset == "SOL" ? "solana" : "ethereum",
        asset == "SOL" ? "9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM" : "0x5fbdb2315678afecb367f032d93f642f64180aa3",
        asset == "SOL" ? null : 1, BigInteger.Parse("1000000000"), BigInteger.Parse("1000000000010001"),
        BigInteger.Parse("123456789012345678901234567890"), 0.25m, 3000m, 1m,
        asset == "SOL" ? "82ZJ7nbGpixjeDCmEhUcmwXYfvurzAgGdtSMuHnUgyny" : null,
        expiry ?? TimeSpan.FromMinutes(15), TimeSpan.FromHours(24), """{"formula":"x","sources":[1,2]}""");

    private static string Id(char digit) => "0x" + new string(digit, 64);

    [Fact]
    public async Task A_quote_is_stored_once_under_its_id_with_exact_amounts()
    {
        await using var ledger = await LedgerHarness.CreateAsync("quote_store");
        var store = ledger.Get<QuoteStore>();

        var (first, stored) = await store.CreateAsync(Quote(Id('a')));
        var (second, again) = await store.CreateAsync(Quote(Id('a')) with { AmountDue = 1 });
        var read = await store.GetAsync(Id('a').ToUpperInvariant().Replace("0X", "0x"));

        Assert.Equal(Recorded.Inserted, first);
        Assert.Equal(Recorded.AlreadyKnown, second);
        Assert.Equal(BigInteger.Parse("123456789012345678901234567890"), again.AmountDue); // the first one stays
        Assert.Equal(stored, read! with { PricingRule = stored.PricingRule });
        Assert.Equal("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", read.Beneficiary);
        Assert.Equal(QuoteStatus.Open, read.Status);
        Assert.Equal(TimeSpan.FromMinutes(15), read.ExpiresAt - read.CreatedAt);
        Assert.Equal(TimeSpan.FromHours(24), read.MonitorUntil - read.CreatedAt);
        Assert.Equal(2, JsonDocument.Parse(read.PricingRule).RootElement.GetProperty("sources").GetArrayLength());
        Assert.Null(await store.GetAsync(Id('b')));
    }

    [Fact]
    public async Task The_status_turns_expired_by_the_databases_clock()
    {
        await using var ledger = await LedgerHarness.CreateAsync("quote_expiry");
        var store = ledger.Get<QuoteStore>();
        var (_, quote) = await store.CreateAsync(Quote(Id('c'), "SOL", TimeSpan.FromSeconds(1)));

        Assert.Equal(QuoteStatus.Open, quote.Status);
        await Eventually.HoldsAsync(async () => (await store.GetAsync(quote.Id))!.Status == QuoteStatus.Expired,
            TimeSpan.FromSeconds(60), "the quote to expire");
    }

    [Fact]
    public async Task Monitored_solana_quotes_are_the_sol_quotes_whose_window_is_open_or_closed_within_the_grace()
    {
        await using var ledger = await LedgerHarness.CreateAsync("quote_monitored");
        var store = ledger.Get<QuoteStore>();
        await store.CreateAsync(Quote(Id('2')));
        var (_, sol) = await store.CreateAsync(Quote(Id('3'), "SOL"));
        var (_, brief) = await store.CreateAsync(Quote(Id('4'), "SOL", TimeSpan.FromSeconds(1)) with
        {
            SolanaReference = "GvHeR432g7MjN9uKyX3Dzg66TqwrEWgANLnnFZXMeyyj",
            MonitoringWindow = TimeSpan.FromSeconds(1),
        });

        var open = await store.MonitoredSolanaQuotesAsync();
        await Eventually.HoldsAsync(async () => (await store.MonitoredSolanaQuotesAsync()).Count == 1, TimeSpan.FromSeconds(60),
            "the one-second window to close");
        var withGrace = await store.MonitoredSolanaQuotesAsync(TimeSpan.FromHours(1));

        Assert.Equal([sol.Id, brief.Id], open.Select(q => q.Id));
        Assert.Equal(new MonitoredSolanaQuote(sol.Id, sol.SolanaReference!, sol.CreatedAt, sol.MonitorUntil), open[0]);
        Assert.Equal([sol.Id], (await store.MonitoredSolanaQuotesAsync()).Select(q => q.Id));
        Assert.Equal([sol.Id, brief.Id], withGrace.Select(q => q.Id));
    }

    [Fact]
    public async Task The_schema_refuses_quotes_that_break_its_rules()
    {
        await using var ledger = await LedgerHarness.CreateAsync("quote_rules");
        var store = ledger.Get<QuoteStore>();

        // a SOL quote needs its reference, an ETH quote must not have one; amounts come with noz or not at all
        await Assert.ThrowsAsync<PostgresException>(() => store.CreateAsync(Quote(Id('d'), "SOL") with { SolanaReference = null }));
        await Assert.ThrowsAsync<PostgresException>(() => store.CreateAsync(Quote(Id('e')) with { SolanaReference = "x" }));
        await Assert.ThrowsAsync<PostgresException>(() => store.CreateAsync(Quote(Id('f')) with { AmountDue = null }));
        await Assert.ThrowsAsync<PostgresException>(() => store.CreateAsync(Quote("0x1234")));
        var (outcome, open) = await store.CreateAsync(Quote(Id('1')) with { Noz = null, StosWei = null, AmountDue = null });
        Assert.Equal(Recorded.Inserted, outcome);
        Assert.Null(open.AmountDue);
    }
}
