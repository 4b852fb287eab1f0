using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace StratosBridge.Chains.Evm.Rpc;

/// <summary>
/// Builds the Polly pipeline of an <see cref="EvmRpcClient"/>: retry (transient failures only, exponential backoff with
/// jitter, Retry-After honoured up to the max delay) around a per-attempt timeout.
/// <para>
/// Retrying <c>eth_sendRawTransaction</c> is safe: every attempt sends the same signed bytes, so the transaction
/// (hash, nonce) is the same; an attempt that reached the node before timing out makes the next one answer
/// "already known" or, once mined, "nonce too low" — both mean the broadcast has happened (check the hash).
/// </para>
/// </summary>
public static class EvmRpcResilience
{
    internal static readonly ResiliencePropertyKey<string> MethodKey = new("StratosBridge.EvmRpc.Method");

    public static ResiliencePipeline CreatePipeline(EvmRpcResilienceOptions options, ILogger? logger = null, string? chainName = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var log = logger ?? NullLogger.Instance;
        var chain = chainName ?? "?";
        var builder = new ResiliencePipelineBuilder { Name = $"evm-rpc:{chain}" };
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<EvmRpcTransientException>().Handle<TimeoutRejectedException>(),
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = options.UseJitter,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is EvmRpcTransientException { RetryAfter: { } after }
                        ? (TimeSpan?)(after < options.MaxDelay ? after : options.MaxDelay)
                        : null),
                OnRetry = args =>
                {
                    var (kind, error) = args.Outcome.Exception switch
                    {
                        EvmRpcException e => (e.Kind, e.RpcMessage),
                        TimeoutRejectedException t => (EvmRpcErrorKind.Timeout, $"no answer within {t.Timeout.TotalMilliseconds:0} ms"),
                        { } other => (EvmRpcErrorKind.Other, other.Message),
                        null => (EvmRpcErrorKind.Other, "no exception"),
                    };
                    EvmRpcLogMessages.RetryingTransientFailure(log,
                        args.Context.Properties.GetValue(MethodKey, "?"), chain, kind, error,
                        args.AttemptNumber + 1, options.MaxRetryAttempts, (long)args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            });
        }
        builder.AddTimeout(options.AttemptTimeout);
        return builder.Build();
    }
}
