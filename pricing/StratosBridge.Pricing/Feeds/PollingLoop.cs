using Microsoft.Extensions.Logging;
using StratosBridge.Chains.Rest;
using StratosBridge.Core.Background;

namespace StratosBridge.Pricing.Feeds;

/// <summary>
/// Runs one fetch on its own schedule until stopped, as a <see cref="BackgroundLoop"/>: every <c>pollInterval</c> while
/// it succeeds; after n failures in a row, after pollInterval × 2^n (±10 % jitter), at most <c>maxBackoff</c> (the one
/// <see cref="Backoff"/> rule). Within an attempt, timeouts and a quick retry are the HTTP client's (the standard
/// resilience handler of the source's named client; the RPC transport for Chainlink).
/// </summary>
public static class PollingLoop
{
    /// <summary>
    /// Loops until <paramref name="stopping"/>. <paramref name="attempt"/> returns null on success, or what went wrong
    /// when the answer held nothing usable; that, or an exception, is a failure, reported through <paramref name="failed"/>
    /// with a short description. Anything unforeseen is this source's failure too (with an <c>ALARM</c>): a background
    /// fetch never takes the host down.
    /// </summary>
    public static Task RunAsync(string name, TimeSpan pollInterval, TimeSpan maxBackoff,
        Func<CancellationToken, Task<string?>> attempt, Action<string> failed, ILogger logger, TimeProvider time, CancellationToken stopping)
    {
        var loop = new BackgroundLoop($"Price source {name}", pollInterval, maxBackoff, logger) { OnFailure = failed, Time = time };
        return loop.RunAsync(async ct =>
        {
            string? error;
            try
            {
                error = await attempt(ct);
            }
            catch (Exception e) when (Describe(e) is { } described && !ct.IsCancellationRequested)
            {
                error = described;
            }
            return error is null ? LoopRound.Idle : LoopRound.Failed(error);
        }, stopping);
    }

    /// <summary>
    /// A short description of a failed fetch, or null for an exception no fetch is expected to throw (a bug of ours: the
    /// loop logs it with an <c>ALARM</c>).
    /// </summary>
    public static string? Describe(Exception e) => e switch
    {
        PriceFeedException p => p.Describe(),
        RestCallException r => r.Describe(),
        HttpRequestException or InvalidOperationException or ArgumentException or FormatException => $"{e.GetType().Name}: {e.Message}",
        _ => null,
    };
}
