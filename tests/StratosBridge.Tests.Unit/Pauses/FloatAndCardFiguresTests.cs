using System.Numerics;
using StratosBridge.Ledger.Pauses;
using StratosBridge.Relayer.Safety;

namespace StratosBridge.Tests.Unit.Pauses;

/// <summary>The relayer's float against the open credits (a shortfall, never negative), and Stripe's paid checkouts against the ledger's card payments.</summary>
public class FloatAndCardFiguresTests
{
    private static readonly BigInteger Stos = BigInteger.Pow(10, 18);

    private static OpenCreditTotals Open(BigInteger ready, BigInteger submitted, BigInteger mined = default, BigInteger parked = default) =>
        new(1, ready, 1, submitted, 1, mined, 1, parked);

    [Fact]
    public void The_float_must_cover_the_ready_and_the_unmined_submitted_credits_only()
    {
        // mined prepays left the balance already; parked credits move nothing until an operator decides
        var open = Open(ready: 2 * Stos, submitted: Stos, mined: 5 * Stos, parked: 7 * Stos);
        Assert.Equal(3 * Stos, open.Needed);
        Assert.Equal(BigInteger.Zero, new FloatFigures("stratos", "0xabc", 10, 3 * Stos, 4, open).Shortfall);
        Assert.Equal(BigInteger.One, new FloatFigures("stratos", "0xabc", 10, 3 * Stos - 1, 4, open).Shortfall);
    }

    [Fact]
    public void A_float_above_the_open_credits_is_no_shortfall_however_large()
    {
        Assert.Equal(BigInteger.Zero, new FloatFigures("stratos", "0xabc", 10, 1000 * Stos, 4, Open(0, 0)).Shortfall);
    }

    private static CardLedgerTotals Ledger(long payments, long held = 0, long reversed = 0, long awaiting = 0) =>
        new(1, payments, held > 0 ? 1 : 0, held, reversed > 0 ? 1 : 0, reversed, awaiting > 0 ? 1 : 0, awaiting, [], []);

    [Fact]
    public void Held_reversed_before_recording_and_awaiting_fulfilment_checkouts_account_for_their_paid_sessions()
    {
        Assert.Equal(0, new CardFigures(5, 2300, Ledger(payments: 1000, held: 500, reversed: 500, awaiting: 300)).Difference);
    }

    [Fact]
    public void Money_taken_at_stripe_that_the_ledger_lost_is_positive_and_a_payment_stripe_does_not_know_negative()
    {
        Assert.Equal(500, new CardFigures(2, 1000, Ledger(payments: 500)).Difference);
        Assert.Equal(-700, new CardFigures(1, 500, Ledger(payments: 1200)).Difference);
    }
}
