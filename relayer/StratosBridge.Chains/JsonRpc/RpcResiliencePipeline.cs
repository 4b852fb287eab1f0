using Polly;
using Polly.Retry;
using Polly.Timeout;
using StratosBridge.Core.Telemetry;

namespace StratosBridge.Chains.JsonRpc;

/// <summary>
/// The Polly pipeline both JSON-RPC clients (EVM, Solana) run each call through: retry (transient failures only,
/// exponential backoff with jitter, the server's Retry-After honoured up to the max delay) around a per-attempt timeout.
/// The client names the call's method in the context under <see cref="MethodKey"/> for the retry log line. Between the two,
/// every failed attempt is counted in <see cref="BridgeMetrics.RpcErrors"/> by chain and kind.
/// </summary>
public static class RpcResiliencePipeline
{
    public static readonly ResiliencePropertyKey<string> MethodKey = new("StratosBridge.Rpc.Method");

    /// <typeparam name="TTransient">The client's exception for failures that may pass.</typeparam>
    /// <param name="retryAfter">The server's Retry-After carried by a transient failure, if any.</param>
    /// <param name="onRetry">Logs a retry: the failure (null if none), the method, the retry number (1-based) and the delay.</param>
    /// <param name="chain">The chain (or cluster) the client talks to, for the error counter.</param>
    /// <param name="kindOf">The kind of a failure in the client's taxonomy (<c>Timeout</c>, <c>RateLimited</c>, …), for the error counter.</param>
    public static ResiliencePipeline Create<TTransient>(RpcResilienceOptions options, string name, Func<TTransient, TimeSpan?> retryAfter,
        Action<Exception?, string, int, TimeSpan> onRetry, string chain, Func<Exception, string> kindOf)
        where TTransient : Exception
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new ResiliencePipelineBuilder { Name = name };
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<TTransient>().Handle<TimeoutRejectedException>(),
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = options.UseJitter,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is TTransient transient && retryAfter(transient) is { } after
                        ? (TimeSpan?)(after < options.MaxDelay ? after : options.MaxDelay)
                        : null),
                OnRetry = args =>
                {
                    onRetry(args.Outcome.Exception, args.Context.Properties.GetValue(MethodKey, "?"), args.AttemptNumber + 1, args.RetryDelay);
                    return default;
                },
            });
        }
        builder.AddStrategy(_ => new FailureCounter(chain, kindOf), new FailureCounterOptions());
        builder.AddTimeout(options.AttemptTimeout);
        return builder.Build();
    }

    private sealed class FailureCounterOptions : ResilienceStrategyOptions;

    /// <summary>Counts each attempt that fails (a timeout included), except one the caller cancelled.</summary>
    private sealed class FailureCounter(string chain, Func<Exception, string> kindOf) : ResilienceStrategy
    {
        protected override async ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
            Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback, ResilienceContext context, TState state)
        {
            var outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
            if (outcome.Exception is { } failure && !(failure is OperationCanceledException && context.CancellationToken.IsCancellationRequested))
            {
                BridgeMetrics.RpcErrors.Add(1, new KeyValuePair<string, object?>("chain", chain),
                    new KeyValuePair<string, object?>("kind", kindOf(failure)));
            }
            return outcome;
        }
    }
}
