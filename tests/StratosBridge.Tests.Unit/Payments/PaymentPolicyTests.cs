using System.Numerics;
using System.Text.Json;
using StratosBridge.Core.Quotes;
using StratosBridge.Ledger.Payments;
using StratosBridge.Ledger.Quotes;
using StratosBridge.Relayer.Payments;

namespace StratosBridge.Tests.Unit.Payments;

/// <summary>The matching policy, case by case, on a quote for 1 OZ: 4 STOS due as 0.001 ETH.</summary>
public class PaymentPolicyTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly BigInteger Due = BigInteger.Parse("1000000000000000");          // 0.001 ETH
    private static readonly BigInteger QuotedStos = BigInteger.Parse("4000000000000000000"); // 4 STOS
    private const string Beneficiary = "0x00000000000000000000000000000000000000b1";

    private static QuoteRow Quote(BigInteger? due = null, bool open = false) => new(
        "0x" + new string('a', 64), Beneficiary, "ETH", "ethereum", "0x00000000000000000000000000000000000000c1", 1,
        open ? null : 1_000_000_000, open ? null : QuotedStos, open ? null : due ?? Due, 0.25m, 1000m, 0m, null,
        Created, Created.AddMinutes(15), Created.AddHours(24), "{}", QuoteStatus.Open);

    private static PaymentRow Payment(BigInteger amount, DateTimeOffset? paidAt = null, string chain = "ethereum", string asset = "ETH",
        string? beneficiary = Beneficiary, long id = 1) => new(
        id, chain, $"0x{id:x64}", "0x" + new string('a', 64), "0x00000000000000000000000000000000000000d1", beneficiary, asset, amount, 10,
        paidAt ?? Created.AddMinutes(1), "final", Created.AddMinutes(2), null, null, Created);

    private static (decimal, decimal)? NoPrice(PayAsset asset, out string? unavailable)
    {
        unavailable = "STOS/USD: no fresh source";
        return null;
    }

    private static (decimal, decimal)? Price(PayAsset asset, out string? unavailable)
    {
        unavailable = null;
        return (0.5m, 2000m); // STOS doubled, ETH doubled
    }

    private static MatchDecision Decide(PaymentRow payment, QuoteRow? quote, IReadOnlyList<PaymentRow>? earlier = null, CurrentRates? rates = null) =>
        PaymentPolicy.Decide(payment, quote, earlier ?? [], 0.5m, rates ?? NoPrice, TimeSpan.FromSeconds(30));

    [Theory]
    [InlineData("1000000000000000")] // exact
    [InlineData("995000000000000")]  // −0.5 %: the edge is inside
    [InlineData("1005000000000000")] // +0.5 %
    public void A_payment_within_tolerance_buys_the_quoted_ozone(string paid)
    {
        var decision = Decide(Payment(BigInteger.Parse(paid)), Quote());
        Assert.Equal("paid", decision.Outcome);
        Assert.Equal(QuotedStos, decision.Credit!.StosWei);
        Assert.Equal(new BigInteger(1_000_000_000), decision.Credit.QuotedNoz);
    }

    [Fact]
    public void An_under_payment_buys_its_share_of_the_quoted_stos_at_the_locked_rate()
    {
        var decision = Decide(Payment(BigInteger.Parse("994999999999999")), Quote());
        Assert.Equal("under-paid", decision.Outcome);
        Assert.Equal(QuotedStos * BigInteger.Parse("994999999999999") / Due, decision.Credit!.StosWei);
        Assert.Null(decision.Credit.QuotedNoz);
        Assert.Equal("under-paid", JsonDocument.Parse(decision.Credit.RuleJson).RootElement.GetProperty("outcome").GetString());
    }

    [Fact]
    public void An_over_payment_is_credited_whole_at_the_locked_rate()
    {
        var decision = Decide(Payment(Due * 3), Quote());
        Assert.Equal("over-paid", decision.Outcome);
        Assert.Equal(QuotedStos * 3, decision.Credit!.StosWei);
    }

    [Fact]
    public void A_late_payment_is_re_priced_at_current_rates_or_waits_for_them()
    {
        var late = Payment(Due, Created.AddMinutes(16));
        var waiting = Decide(late, Quote());
        Assert.Null(waiting.Credit);
        Assert.Equal(TimeSpan.FromSeconds(30), waiting.Wait);
        Assert.Contains("no fresh source", waiting.Note);

        var repriced = Decide(late, Quote(), rates: Price);
        Assert.Equal("late", repriced.Outcome);
        // 0.001 ETH × 2000 USD ÷ 0.5 USD/STOS (no spread) = 4 STOS
        Assert.Equal(BigInteger.Parse("4000000000000000000"), repriced.Credit!.StosWei);
        Assert.Null(repriced.Credit.QuotedNoz);
    }

    [Fact]
    public void An_open_amount_quote_buys_whatever_the_payment_buys_at_the_locked_rates()
    {
        var decision = Decide(Payment(Due), Quote(open: true));
        Assert.Equal("paid", decision.Outcome);
        Assert.Equal(QuotedStos, decision.Credit!.StosWei); // 0.001 × 1000 ÷ 0.25
    }

    [Fact]
    public void Unknown_wrong_expired_duplicate_and_dust_payments_are_unmatched()
    {
        Assert.Equal("unknown-quote", Unmatched(Decide(Payment(Due), null)));
        Assert.Equal("wrong-chain", Unmatched(Decide(Payment(Due, chain: "bsc", asset: "BNB"), Quote())));
        Assert.Equal("wrong-beneficiary", Unmatched(Decide(Payment(Due, beneficiary: "0x00000000000000000000000000000000000000b2"), Quote())));
        Assert.Equal("quote-expired", Unmatched(Decide(Payment(Due, Created.AddHours(25)), Quote(), rates: Price)));
        Assert.Equal("duplicate", Unmatched(Decide(Payment(Due, id: 2), Quote(), [Payment(Due, id: 1)])));
        Assert.Equal("too-small", Unmatched(Decide(Payment(1), Quote(due: BigInteger.Parse("1000000000000000000000")))));
    }

    private static string Unmatched(MatchDecision decision)
    {
        Assert.Null(decision.Credit);
        Assert.Null(decision.Wait);
        Assert.Contains("nothing credited automatically", decision.Note);
        return decision.Outcome;
    }
}
