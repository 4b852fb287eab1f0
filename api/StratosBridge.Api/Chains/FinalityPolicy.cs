using StratosBridge.Ledger.Chains;
using StratosBridge.Relayer.Configuration;

namespace StratosBridge.Api.Chains;

/// <summary>
/// A chain's finality policy (<see cref="ChainOptions.Confirmations"/>) measured in confirmations, counting the block
/// itself: a block at the head has 1. A block is final once <c>current ≥ needed</c>, which matches the policy exactly:
/// <list type="bullet">
/// <item><c>finalized-tag</c> (Confirmations null): final once the block is at or below the node's finalized block, so
/// needed = head − finalized + 1 (it moves with the chain);</item>
/// <item><c>confirmations</c> (Confirmations = N): final once N blocks are on top of it, so needed = N + 1
/// (N = 0, final on commit: needed 1).</item>
/// </list>
/// </summary>
public static class FinalityPolicy
{
    public const string FinalizedTag = "finalized-tag";
    public const string Confirmations = "confirmations";

    public static string NameOf(ChainOptions chain) => chain.Confirmations is null ? FinalizedTag : Confirmations;

    /// <summary>Confirmations a block in the canonical chain needs to be final; null when the chain's progress is not known yet.</summary>
    public static long? Needed(ChainOptions chain, ChainProgress progress) =>
        progress.Head is { } head && chain.FinalHeight(head, progress.Finalized) is { } final
            ? head - final + 1
            : chain.Confirmations + 1L;

    /// <summary>
    /// Confirmations of <paramref name="block"/> so far: head − block + 1, at least 1 (a head row older than an event the
    /// watcher already saw still means the block exists); null when the head is not known yet.
    /// </summary>
    public static long? Current(ChainProgress progress, long block) =>
        progress.Head is { } head ? Math.Max(1, head - block + 1) : null;

    /// <summary>
    /// What the API shows of a source event's way to finality (a lock's, a payment's): its block's confirmations against
    /// the policy and, while the event waits for finality, when it should be final — the time the head was seen plus the
    /// chain's block time for each confirmation still missing.
    /// </summary>
    /// <param name="chain">The event's chain; null when it is not configured (then nothing is known).</param>
    /// <param name="progress">The chain's progress; null or empty before any watcher reported it.</param>
    /// <param name="block">The event's block; null when it has none or left the chain (orphaned): no current count.</param>
    /// <param name="awaitingFinality">Whether the event still waits for its block to be final: only then is there an ETA.</param>
    public static (ConfirmationsView Confirmations, DateTimeOffset? Eta) Measure(ChainOptions? chain, ChainProgress? progress, long? block,
        bool awaitingFinality)
    {
        if (chain is null || progress is null)
        {
            return (new ConfirmationsView(null, null, null), null);
        }
        var needed = Needed(chain, progress);
        var current = block is { } b ? Current(progress, b) : null;
        DateTimeOffset? eta = awaitingFinality && current is { } c && needed is { } n && progress.SeenAt is { } seen
            ? seen.ToUniversalTime() + TimeSpan.FromTicks(chain.BlockTime.Ticks * Math.Max(0, n - c))
            : null;
        return (new ConfirmationsView(current, needed, NameOf(chain)), eta);
    }
}
