using System.Numerics;
using StratosBridge.Relayer.Safety;

namespace StratosBridge.Tests.Unit.Pauses;

/// <summary>A route's reconciliation: locked = released + refunded + what the ledger holds open, exactly.</summary>
public class RouteFiguresTests
{
    private static readonly BigInteger Stos = BigInteger.Pow(10, 18);

    [Fact]
    public void Completed_and_refunded_transfers_are_on_the_chain_side_and_the_rest_is_open()
    {
        var ledger = new Dictionary<string, BigInteger>
        {
            ["completed"] = 5 * Stos, ["refunded"] = Stos, ["finalized"] = 2 * Stos, ["failed"] = 3, ["delayed"] = 7,
        };
        var figures = new RouteFigures(100, 8 * Stos + 10, 5 * Stos, Stos, ledger);
        Assert.Equal(BigInteger.Zero, figures.Difference);
        Assert.Equal(["delayed", "failed", "finalized"], figures.Open.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_transfer_in_flight_that_the_vault_shows_released_counts_once()
    {
        var figures = new RouteFigures(100, 3 * Stos, 3 * Stos, 0,
            new Dictionary<string, BigInteger> { ["completed"] = 2 * Stos, [RouteFigures.Settling] = Stos });
        Assert.Equal(BigInteger.Zero, figures.Difference);
        Assert.Empty(figures.Open);
    }

    [Fact]
    public void A_release_the_ledger_does_not_know_is_a_negative_difference_of_its_amount()
    {
        var figures = new RouteFigures(100, 2 * Stos, 3 * Stos, 0, new Dictionary<string, BigInteger> { ["completed"] = 2 * Stos });
        Assert.Equal(-Stos, figures.Difference);
    }

    [Fact]
    public void A_lock_the_ledger_lost_is_a_positive_difference_of_its_amount()
    {
        var figures = new RouteFigures(100, 3 * Stos + 1, 2 * Stos, 0, new Dictionary<string, BigInteger> { ["completed"] = 2 * Stos });
        Assert.Equal(Stos + 1, figures.Difference);
    }
}
