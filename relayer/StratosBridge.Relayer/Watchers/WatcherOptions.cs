using System.ComponentModel.DataAnnotations;

namespace StratosBridge.Relayer.Watchers;

/// <summary>Section <c>Watchers</c>.</summary>
public sealed class WatcherOptions
{
    public const string Section = "Watchers";

    /// <summary>How often a watcher polls its chain's head.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often an instance that does not hold a chain's lock tries to take it over.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan TakeoverInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Longest back-off of a watcher loop (EVM chains and Solana) after failed polls in a row: it waits
    /// <see cref="PollInterval"/> × 2^n, at most this, then goes on.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often a watcher says its chain's head at Information (the first time at once); polls in between are silent.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan HeadLogInterval { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often a watcher checks its vaults against their peers (<see cref="VaultPairWatch"/>; the first time at once).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PairCheckInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest block range asked of <c>eth_getLogs</c>; halved while a node refuses, doubled back on success.</summary>
    [Range(1, 100_000)]
    public int MaxLogRange { get; set; } = 2_000;

    /// <summary>Log ranges read per poll at most, so a long catch-up still updates heads and finality in between.</summary>
    [Range(1, 10_000)]
    public int MaxRangesPerPoll { get; set; } = 20;
}
