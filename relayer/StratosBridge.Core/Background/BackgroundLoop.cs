using System.Diagnostics;
using Microsoft.Extensions.Logging;
using StratosBridge.Core.Telemetry;

namespace StratosBridge.Core.Background;

/// <summary>
/// The one shape of every background loop (chain watchers, the Solana watcher, the relay and credit workers, the Stripe
/// event worker, each price source): it runs a round, then waits <see cref="Interval"/> (or what the round asked for),
/// until the host stops. <b>Nothing a round throws ends the loop</b>: a fault the loop expects (<see cref="IsExpected"/>:
/// an RPC node or the ledger unavailable) is logged as a warning; anything else is a fault of ours, logged as an error
/// with its stack and an <c>ALARM</c>. Either way the loop backs off by the one rule (<see cref="Backoff"/> from
/// <see cref="Interval"/> up to <see cref="MaxBackoff"/>, ±10 %) and goes on, so one chain's bug never stops another
/// chain's loop, another role, or the host. An expected fault is logged when its streak starts (repeats at debug
/// level), a fault of ours whenever its message changes (repeats as warnings), and the loop says once when it works again.
/// A loop given a <see cref="WakeOn"/> signal sleeps between idle rounds only until it is woken (work became due); its
/// back-off after a failure is never cut short.
/// </summary>
public sealed class BackgroundLoop(string name, TimeSpan interval, TimeSpan maxBackoff, ILogger logger)
{
    public string Name { get; } = name;

    public TimeSpan Interval { get; } = interval;

    public TimeSpan MaxBackoff { get; } = maxBackoff;

    /// <summary>Faults that are part of life (an outage of a node or of the ledger): a warning, not an alarm.</summary>
    public Func<Exception, bool> IsExpected { get; init; } = _ => false;

    /// <summary>Told each failure's short description (e.g. to show a source as failing).</summary>
    public Action<string>? OnFailure { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Cuts an idle wait short when work becomes due (<see cref="WakeSignal.Wake"/>); null to poll only.</summary>
    public WakeSignal? WakeOn { get; init; }

    /// <summary>Runs <paramref name="round"/> until <paramref name="stopping"/>; returns only then.</summary>
    public async Task RunAsync(Func<CancellationToken, Task<LoopRound>> round, CancellationToken stopping)
    {
        var failures = 0;
        string? lastError = null;
        while (!stopping.IsCancellationRequested)
        {
            TimeSpan wait;
            var started = Stopwatch.GetTimestamp();
            var succeeded = false;
            var seen = WakeOn?.Version;
            try
            {
                var outcome = await round(stopping);
                succeeded = outcome.Failure is null;
                if (outcome.Failure is { } reason)
                {
                    failures++;
                    wait = Failed(failures, reason, null, ref lastError);
                }
                else
                {
                    if (failures > 0)
                    {
                        logger.LogInformation("{Loop} works again after {Failures} failed round(s)", Name, failures);
                    }
                    failures = 0;
                    lastError = null;
                    wait = outcome.Wait ?? Interval;
                }
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failures++;
                wait = Failed(failures, $"{e.GetType().Name}: {e.Message}", e, ref lastError);
            }
            finally
            {
                BridgeMetrics.JobDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
                    new TagList { { "job", Name }, { "outcome", succeeded ? "succeeded" : "failed" } });
            }
            if (wait <= TimeSpan.Zero)
            {
                continue;
            }
            try
            {
                if (succeeded && seen is { } version)
                {
                    await WakeOn!.WaitAsync(version, wait, Time, stopping);
                }
                else
                {
                    await Task.Delay(wait, Time, stopping);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private TimeSpan Failed(int failures, string error, Exception? exception, ref string? lastError)
    {
        var delay = new Backoff(Interval, MaxBackoff).After(failures, Random.Shared.NextDouble());
        OnFailure?.Invoke(error);
        var news = error != lastError;
        lastError = error;
        if (exception is not null && !IsExpected(exception))
        {
            if (news)
            {
                logger.LogError(exception, "ALARM {Loop} failed unexpectedly ({Failures} in a row), backing off {RetryInMs} ms: {Error}",
                    Name, failures, (long)delay.TotalMilliseconds, error);
            }
            else
            {
                logger.LogWarning("ALARM {Loop} failed unexpectedly again ({Failures} in a row), backing off {RetryInMs} ms: {Error}",
                    Name, failures, (long)delay.TotalMilliseconds, error);
            }
            return delay;
        }
        // An outage is said when it starts (and when it ends, above); while it lasts, at debug level.
        logger.Log(failures == 1 ? LogLevel.Warning : LogLevel.Debug, "{Loop} failed ({Failures} in a row), backing off {RetryInMs} ms: {Error}",
            Name, failures, (long)delay.TotalMilliseconds, error);
        return delay;
    }
}
