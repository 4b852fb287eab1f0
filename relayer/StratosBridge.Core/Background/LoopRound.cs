namespace StratosBridge.Core.Background;

/// <summary>What one round of a <see cref="BackgroundLoop"/> reports: when the next round starts, or that it failed.</summary>
public readonly record struct LoopRound
{
    private LoopRound(TimeSpan? wait, string? failure)
    {
        Wait = wait;
        Failure = failure;
    }

    /// <summary>More work is waiting: the next round starts at once.</summary>
    public static LoopRound Busy { get; } = new(TimeSpan.Zero, null);

    /// <summary>Nothing more to do now: the next round starts after the loop's interval.</summary>
    public static LoopRound Idle { get; } = new(null, null);

    /// <summary>The next round starts after <paramref name="wait"/> (e.g. an instance that is not the chain's watcher).</summary>
    public static LoopRound After(TimeSpan wait) => new(wait, null);

    /// <summary>The round failed without an exception (e.g. a source whose answer held nothing usable): it counts as a failure.</summary>
    public static LoopRound Failed(string reason) => new(null, reason);

    /// <summary>The wait before the next round; null for the loop's interval.</summary>
    public TimeSpan? Wait { get; }

    public string? Failure { get; }
}
