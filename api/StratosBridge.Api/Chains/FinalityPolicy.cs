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
}
