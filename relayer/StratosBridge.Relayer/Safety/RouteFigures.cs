using System.Numerics;

namespace StratosBridge.Relayer.Safety;

/// <summary>
/// One route's reconciliation figures (base units): the source vault's <c>totalLocked</c> at the block the ledger has recorded
/// through, the destination vault's <c>totalReleased</c>, the source vault's <c>totalRefunded</c>, and the ledger's transfers
/// of the route by status (those not yet released nor refunded: pending, finalized, submitted, delayed, failed, cancelling,
/// refunding). <c>settling</c> holds submitted transfers whose release the vault shows done (mined, not yet settled in the
/// ledger): they are in <see cref="Released"/> already.
/// </summary>
public sealed record RouteFigures(long ThroughBlock, BigInteger Locked, BigInteger Released, BigInteger Refunded,
    IReadOnlyDictionary<string, BigInteger> Ledger)
{
    /// <summary>Statuses whose amounts the chain already counts as released or refunded.</summary>
    private static readonly HashSet<string> Done = ["completed", "refunded", Settling];

    /// <summary>The ledger's submitted transfers whose release id the destination vault shows used.</summary>
    public const string Settling = "settling";

    /// <summary>What the ledger holds as not yet released nor refunded, by status.</summary>
    public IReadOnlyDictionary<string, BigInteger> Open => Ledger.Where(s => !Done.Contains(s.Key)).ToDictionary(s => s.Key, s => s.Value);

    /// <summary>locked − (released + refunded + open): positive, locked value the bridge cannot account for; negative, more paid out than the ledger knows of.</summary>
    public BigInteger Difference => Locked - Released - Refunded - Open.Values.Aggregate(BigInteger.Zero, (a, b) => a + b);
}
