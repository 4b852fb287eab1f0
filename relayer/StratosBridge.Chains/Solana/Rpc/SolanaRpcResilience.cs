using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace StratosBridge.Chains.Solana.Rpc;

/// <summary>
/// Builds the Polly pipeline of a <see cref="SolanaRpcClient"/>: retry (transient failures only, exponential backoff
/// with jitter, Retry-After honoured up to the max delay) around a per-attempt timeout. Every method the client has is
/// a read, so retrying is always safe.
/// </summary>
public static class SolanaRpcResilience
{
    internal static readonly ResiliencePropertyKey<string> MethodKey = new("StratosBridge.SolanaRpc.Method");

    public static ResiliencePipeline CreatePipeline(SolanaRpcResilienceOptions options, ILogger? logger = null, string? clusterName = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var log = logger ?? NullLogger.Instance;
        var cluster = clusterName ?? "?";
        var builder = new ResiliencePipelineBuilder { Name = $"solana-rpc:{cluster}" };
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<SolanaRpcTransientException>().Handle<TimeoutRejectedException>(),
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = options.UseJitter,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is SolanaRpcTransientException { RetryAfter: { } after }
                        ? (TimeSpan?)(after < options.MaxDelay ? after : options.MaxDelay)
                        : null),
                OnRetry = args =>
                {
                    var (kind, error) = args.Outcome.Exception switch
                    {
                        SolanaRpcException e => (e.Kind, e.RpcMessage),
                        TimeoutRejectedException t => (SolanaRpcErrorKind.Timeout, $"no answer within {t.Timeout.TotalMilliseconds:0} ms"),
                        { } other => (SolanaRpcErrorKind.Other, other.Message),
                        null => (SolanaRpcErrorKind.Other, "no exception"),
                    };
                    SolanaRpcLogMessages.RetryingTransientFailure(log,
                        args.Context.Properties.GetValue(MethodKey, "?"), cluster, kind, error,
                        args.AttemptNumber + 1, options.MaxRetryAttempts, (long)args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            });
        }
        builder.AddTimeout(options.AttemptTimeout);
        return builder.Build();
    }
}
