using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Timeout;
using StratosBridge.Chains.JsonRpc;

namespace StratosBridge.Chains.Solana.Rpc;

/// <summary>
/// Builds the pipeline of a <see cref="SolanaRpcClient"/> (<see cref="RpcResiliencePipeline"/>), logging each retry.
/// Every method the client has is a read, so retrying is always safe.
/// </summary>
public static class SolanaRpcResilience
{
    public static ResiliencePipeline CreatePipeline(RpcResilienceOptions options, ILogger? logger = null, string? clusterName = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var log = logger ?? NullLogger.Instance;
        var cluster = clusterName ?? "?";
        return RpcResiliencePipeline.Create<SolanaRpcTransientException>(options, $"solana-rpc:{cluster}", e => e.RetryAfter, (exception, method, retry, delay) =>
        {
            var (kind, error) = Describe(exception);
            SolanaRpcLogMessages.RetryingTransientFailure(log, method, cluster, kind, error, retry, options.MaxRetryAttempts, (long)delay.TotalMilliseconds);
        }, cluster, e => Describe(e).Kind.ToString());
    }

    /// <summary>A failure's kind in the client's taxonomy, and its message.</summary>
    private static (SolanaRpcErrorKind Kind, string Error) Describe(Exception? exception) => exception switch
    {
        SolanaRpcException e => (e.Kind, e.RpcMessage),
        TimeoutRejectedException t => (SolanaRpcErrorKind.Timeout, $"no answer within {t.Timeout.TotalMilliseconds:0} ms"),
        { } other => (SolanaRpcErrorKind.Other, other.Message),
        null => (SolanaRpcErrorKind.Other, "no exception"),
    };
}
