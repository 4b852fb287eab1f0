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
    public void An_over_payment_buys_the_quoted_stos_and_its_excess_at_the_current_rate()
    {
        // 3× the amount due: the amount due buys the quoted STOS at the locked rate, the 2× beyond it is priced now
        // (STOS and ETH both doubled: 0.002 ETH × 2000 ÷ 0.5 = 8 STOS), not at the locked rate (which would give 8 STOS
        // too here; so the current ETH price alone moves below).
        var decision = Decide(Payment(Due * 3), Quote(), rates: Price);
        Assert.Equal("over-paid", decision.Outcome);
        Assert.Equal(QuotedStos + BigInteger.Parse("8000000000000000000"), decision.Credit!.StosWei);
        Assert.Null(decision.Credit.QuotedNoz);
        var rule = JsonDocument.Parse(decision.Credit.RuleJson).RootElement;
        Assert.Equal((Due * 2).ToString(), rule.GetProperty("excess").GetString());
        Assert.Equal("current", rule.GetProperty("excessRates").GetProperty("source").GetString());

        // ETH fell to a tenth since the quote: 100× the amount due no longer buys 100× the quoted STOS.
        var crashed = Decide(Payment(Due * 100), Quote(), rates: (PayAsset _, out string? unavailable) =>
        {
            unavailable = null;
            return (0.25m, 100m);
        });
        // the quoted 4 STOS + 0.099 ETH × 100 USD ÷ 0.25 USD = 39.6 STOS
        Assert.Equal(QuotedStos + BigInteger.Parse("39600000000000000000"), crashed.Credit!.StosWei);
    }

    [Fact]
    public void An_over_payment_waits_for_a_current_price_to_credit_its_excess()
    {
        var waiting = Decide(Payment(Due * 2), Quote());
        Assert.Null(waiting.Credit);
        Assert.Equal(TimeSpan.FromSeconds(30), waiting.Wait);
        Assert.Contains("no fresh source", waiting.Note);
    }

    [Fact]
    public void A_dust_payment_does_not_block_the_quote_the_real_payment_tops_it_up_to_the_quoted_stos()
    {
        var dust = Payment(1000, id: 1) with { Status = "matched", Outcome = "under-paid" };
        var first = Decide(dust with { Status = "final", Outcome = null }, Quote());
        Assert.Equal("under-paid", first.Outcome);
        Assert.Equal(QuotedStos * 1000 / Due, first.Credit!.StosWei);

        // the real payment of the whole amount due, after the dust: the rest of the quoted STOS at the locked rate, and the
        // 1000 wei it pays beyond the amount due are within the tolerance
        var real = Decide(Payment(Due, id: 2), Quote(), [dust]);
        Assert.Equal("paid", real.Outcome);
        Assert.Equal(QuotedStos - QuotedStos * 1000 / Due, real.Credit!.StosWei);
        Assert.Equal(QuotedStos, first.Credit.StosWei + real.Credit.StosWei);
    }

    [Fact]
    public void Top_ups_fill_the_amount_due_at_the_locked_rate_and_only_what_exceeds_it_is_priced_now()
    {
        var half = Payment(Due / 2, id: 1) with { Status = "matched", Outcome = "under-paid" };
        var quarter = Payment(Due / 4, id: 2) with { Status = "matched", Outcome = "under-paid" };

        var third = Decide(Payment(Due / 8, id: 3), Quote(), [half, quarter]);
        Assert.Equal("under-paid", third.Outcome);
        Assert.Equal(QuotedStos * 7 / 8 - QuotedStos * 3 / 4, third.Credit!.StosWei);

        // a top-up of a whole amount due on a half-paid quote: the other half at the locked rate, the half beyond at the current one
        var topUp = Decide(Payment(Due, id: 3), Quote(), [half], rates: Price);
        Assert.Equal("over-paid", topUp.Outcome);
        Assert.Equal(QuotedStos / 2 + BigInteger.Parse("2000000000000000000"), topUp.Credit!.StosWei);
    }

    [Fact]
    public void A_payment_for_a_quote_already_paid_in_full_is_a_duplicate_whatever_came_before()
    {
        var dust = Payment(1000, id: 1) with { Status = "matched", Outcome = "under-paid" };
        var real = Payment(Due, id: 2) with { Status = "matched", Outcome = "paid" };
        Assert.Equal("duplicate", Unmatched(Decide(Payment(Due, id: 3), Quote(), [dust, real], rates: Price)));
        // paid within the tolerance counts as paid in full
        var almost = Payment(Due * 996 / 1000, id: 1) with { Status = "matched", Outcome = "paid" };
        Assert.Equal("duplicate", Unmatched(Decide(Payment(Due, id: 2), Quote(), [almost], rates: Price)));
    }

    [Fact]
    public void Every_payment_on_an_open_amount_quote_before_expiry_is_credited_at_the_locked_rates()
    {
        var first = Payment(1000, id: 1) with { Status = "matched", Outcome = "paid" };
        var decision = Decide(Payment(Due, id: 2), Quote(open: true), [first]);
        Assert.Equal("paid", decision.Outcome);
        Assert.Equal(QuotedStos, decision.Credit!.StosWei);
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
        Assert.Equal("duplicate", Unmatched(Decide(Payment(Due, id: 2), Quote(), [Payment(Due, id: 1) with { Status = "matched" }])));
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
