using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace StratosBridge.Pricing.Feeds;

/// <summary>
/// Runs one fetch on its own schedule until stopped: every <c>pollInterval</c> while it succeeds; after n failures in
/// a row, after pollInterval × 2^n (±10 % jitter), at most <c>maxBackoff</c>. Each attempt goes through a Polly
/// pipeline: one quick retry of a transient failure, each try bounded by the attempt timeout.
/// </summary>
public static class PollingLoop
{
    /// <summary>The delay before the next fetch after <paramref name="failures"/> failures in a row (0 = all is well).</summary>
    public static TimeSpan NextDelay(TimeSpan pollInterval, TimeSpan maxBackoff, int failures, double jitter)
    {
        if (failures <= 0)
        {
            return pollInterval;
        }
        var backoff = pollInterval.TotalMilliseconds * Math.Pow(2, Math.Min(failures, 30));
        var capped = Math.Min(backoff, maxBackoff.TotalMilliseconds) * (1 + (jitter * 2 - 1) * 0.1);
        return TimeSpan.FromMilliseconds(Math.Max(capped, 1));
    }

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
    /// with a short description.
    /// </summary>
    public static async Task RunAsync(string name, TimeSpan pollInterval, TimeSpan maxBackoff, TimeSpan attemptTimeout,
        Func<CancellationToken, Task<string?>> attempt, Action<string> failed, ILogger logger, TimeProvider time, CancellationToken stopping)
    {
        var pipeline = Pipeline(name, attemptTimeout);
        var failures = 0;
        while (!stopping.IsCancellationRequested)
        {
            string? error = null;
            try
            {
                error = await pipeline.ExecuteAsync(static async (state, ct) => await state(ct), attempt, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (TimeoutRejectedException e)
            {
                error = $"Timeout: no answer within {e.Timeout.TotalMilliseconds:0} ms";
            }
            catch (PriceFeedException e)
            {
                error = e.Describe();
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException or ArgumentException or FormatException)
            {
                error = $"{e.GetType().Name}: {e.Message}";
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                // A background fetch must never take the host down: anything unforeseen is this source's failure.
                error = $"{e.GetType().Name}: {e.Message}";
                logger.LogError(e, "Price source {Source} failed unexpectedly", name);
            }
            failures = error is null ? 0 : failures + 1;
            var delay = NextDelay(pollInterval, maxBackoff, failures, Random.Shared.NextDouble());
            if (error is not null)
            {
                failed(error);
                logger.LogWarning("Price source {Source} failed ({Failures} in a row): {Error}; next try in {RetryInMs} ms",
                    name, failures, error, (long)delay.TotalMilliseconds);
            }
            try
            {
                await Task.Delay(delay, time, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
