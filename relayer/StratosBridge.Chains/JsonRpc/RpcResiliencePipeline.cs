using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace StratosBridge.Chains.JsonRpc;

/// <summary>
/// The Polly pipeline both JSON-RPC clients (EVM, Solana) run each call through: retry (transient failures only,
/// exponential backoff with jitter, the server's Retry-After honoured up to the max delay) around a per-attempt timeout.
/// The client names the call's method in the context under <see cref="MethodKey"/> for the retry log line.
/// </summary>
public static class RpcResiliencePipeline
{
    public static readonly ResiliencePropertyKey<string> MethodKey = new("StratosBridge.Rpc.Method");

    /// <typeparam name="TTransient">The client's exception for failures that may pass.</typeparam>
    /// <param name="retryAfter">The server's Retry-After carried by a transient failure, if any.</param>
    /// <param name="onRetry">Logs a retry: the failure (null if none), the method, the retry number (1-based) and the delay.</param>
    public static ResiliencePipeline Create<TTransient>(RpcResilienceOptions options, string name, Func<TTransient, TimeSpan?> retryAfter,
        Action<Exception?, string, int, TimeSpan> onRetry)
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
        builder.AddTimeout(options.AttemptTimeout);
        return builder.Build();
    }
}
