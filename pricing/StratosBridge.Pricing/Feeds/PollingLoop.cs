using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using StratosBridge.Core.Background;

namespace StratosBridge.Pricing.Feeds;

/// <summary>
/// Runs one fetch on its own schedule until stopped, as a <see cref="BackgroundLoop"/>: every <c>pollInterval</c> while
/// it succeeds; after n failures in a row, after pollInterval × 2^n (±10 % jitter), at most <c>maxBackoff</c> (the one
/// <see cref="Backoff"/> rule). Each attempt goes through a Polly pipeline: one quick retry of a transient failure, each
/// try bounded by the attempt timeout.
/// </summary>
public static class PollingLoop
{
    public static ResiliencePipeline Pipeline(string name, TimeSpan attemptTimeout) =>
        new ResiliencePipelineBuilder { Name = name }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<PriceFeedException>(e => e.IsTransient)
                    .Handle<TimeoutRejectedException>(),
                MaxRetryAttempts = 1,
                Delay = TimeSpan.FromMilliseconds(100),
                BackoffType = DelayBackoffType.Constant,
            })
            .AddTimeout(attemptTimeout)
            .Build();

    /// <summary>
    /// Loops until <paramref name="stopping"/>. <paramref name="attempt"/> returns null on success, or what went wrong
    /// when the answer held nothing usable; that, or an exception, is a failure, reported through <paramref name="failed"/>
    /// with a short description. Anything unforeseen is this source's failure too (with an <c>ALARM</c>): a background
    /// fetch never takes the host down.
    /// </summary>
    public static Task RunAsync(string name, TimeSpan pollInterval, TimeSpan maxBackoff, TimeSpan attemptTimeout,
        Func<CancellationToken, Task<string?>> attempt, Action<string> failed, ILogger logger, TimeProvider time, CancellationToken stopping)
    {
        var pipeline = Pipeline(name, attemptTimeout);
        var loop = new BackgroundLoop($"Price source {name}", pollInterval, maxBackoff, logger) { OnFailure = failed, Time = time };
        return loop.RunAsync(async ct =>
        {
            string? error;
            try
            {
                error = await pipeline.ExecuteAsync(static async (state, ct) => await state(ct), attempt, ct);
            }
            catch (TimeoutRejectedException e)
            {
                error = $"Timeout: no answer within {e.Timeout.TotalMilliseconds:0} ms";
            }
            catch (PriceFeedException e)
            {
                error = e.Describe();
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException or ArgumentException or FormatException
                                          && !ct.IsCancellationRequested)
            {
                error = $"{e.GetType().Name}: {e.Message}";
            }
            return error is null ? LoopRound.Idle : LoopRound.Failed(error);
        }, stopping);
    }
}
