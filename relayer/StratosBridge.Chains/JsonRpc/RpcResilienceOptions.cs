using System.ComponentModel.DataAnnotations;

namespace StratosBridge.Chains.JsonRpc;

/// <summary>
/// Timeouts and retries of one chain's JSON-RPC client (EVM or Solana). Only transient failures are retried (the
/// client's transient exception type and attempt timeouts), with exponential backoff
/// (<see cref="BaseDelay"/> × 2^n, capped at <see cref="MaxDelay"/>, jittered) or the server's Retry-After.
/// </summary>
public sealed record RpcResilienceOptions
{
    /// <summary>Retries after the first attempt; 0 disables retrying.</summary>
    [Range(0, 20)]
    public int MaxRetryAttempts { get; init; } = 4;

    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The limit for one attempt (one HTTP exchange, body included).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public bool UseJitter { get; init; } = true;
}
