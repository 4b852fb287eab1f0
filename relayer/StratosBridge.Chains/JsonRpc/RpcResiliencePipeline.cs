using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using StratosBridge.Core.Telemetry;

namespace StratosBridge.Chains.JsonRpc;

/// <summary>
/// The Polly pipeline every JSON-RPC client (EVM, Solana) runs each call through: retry (transient failures only, see
/// <see cref="RpcException.IsTransient"/>, exponential backoff with jitter, the server's Retry-After honoured up to the
/// max delay) around a per-attempt timeout. The transport names the call's method in the context under
/// <see cref="MethodKey"/> for the retry log line. Between the two, every failed attempt is counted in
/// <see cref="BridgeMetrics.RpcErrors"/> by endpoint and kind.
/// <para>
/// Retrying <c>eth_sendRawTransaction</c> is safe: every attempt sends the same signed bytes, so the transaction (hash,
/// nonce) is the same; an attempt that reached the node before timing out makes the next one answer "already known" or,
/// once mined, "nonce too low" — both mean the broadcast has happened (check the hash). Every Solana call is a read.
/// </para>
/// </summary>
public static partial class RpcResiliencePipeline
{
    public static readonly ResiliencePropertyKey<string> MethodKey = new("StratosBridge.Rpc.Method");

    /// <param name="endpoint">The chain (or cluster) the client talks to, for the retry log and the error counter.</param>
    public static ResiliencePipeline Create<TClient>(RpcResilienceOptions options, string? endpoint = null, ILogger? logger = null)
        where TClient : IRpcClient<TClient>
    {
        ArgumentNullException.ThrowIfNull(options);
        var protocol = TClient.Faults.Protocol;
        var name = endpoint ?? "?";
        var log = logger ?? NullLogger.Instance;
        var builder = new ResiliencePipelineBuilder { Name = $"{protocol}-rpc:{name}" };
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<RpcException>(e => e.IsTransient).Handle<TimeoutRejectedException>(),
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = options.UseJitter,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is RpcException { RetryAfter: { } after }
                        ? (TimeSpan?)(after < options.MaxDelay ? after : options.MaxDelay)
                        : null),
                OnRetry = args =>
                {
                    var (kind, error) = Describe(args.Outcome.Exception);
                    RetryingTransientFailure(log, protocol, args.Context.Properties.GetValue(MethodKey, "?"), name, kind, error,
                        args.AttemptNumber + 1, options.MaxRetryAttempts, (long)args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            });
        }
        builder.AddStrategy(_ => new FailureCounter(name), new FailureCounterOptions());
        builder.AddTimeout(options.AttemptTimeout);
        return builder.Build();
    }

    /// <summary>A failure's kind in the client's taxonomy, and its message.</summary>
    private static (string Kind, string Error) Describe(Exception? exception) => exception switch
    {
        RpcException e => (e.KindName, e.RpcMessage),
        TimeoutRejectedException t => ("Timeout", $"no answer within {t.Timeout.TotalMilliseconds:0} ms"),
        { } other => ("Other", other.Message),
        null => ("Other", "no exception"),
    };

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "{Protocol} RPC {Method} on {Chain} failed transiently ({ErrorKind}: {Error}); retry {Retry} of {MaxRetries} in {DelayMs} ms")]
    private static partial void RetryingTransientFailure(ILogger logger, string protocol, string method, string chain, string errorKind,
        string error, int retry, int maxRetries, long delayMs);

    private sealed class FailureCounterOptions : ResilienceStrategyOptions;

    /// <summary>Counts each attempt that fails (a timeout included), except one the caller cancelled.</summary>
    private sealed class FailureCounter(string chain) : ResilienceStrategy
    {
        protected override async ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
            Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback, ResilienceContext context, TState state)
        {
            var outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
            if (outcome.Exception is { } failure && !(failure is OperationCanceledException && context.CancellationToken.IsCancellationRequested))
            {
                BridgeMetrics.RpcErrors.Add(1, new KeyValuePair<string, object?>("chain", chain),
                    new KeyValuePair<string, object?>("kind", Describe(failure).Kind));
            }
            return outcome;
        }
    }
}
