using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Timeout;
using StratosBridge.Chains.JsonRpc;

namespace StratosBridge.Chains.Evm.Rpc;

/// <summary>
/// Builds the pipeline of an <see cref="EvmRpcClient"/> (<see cref="RpcResiliencePipeline"/>), logging each retry.
/// <para>
/// Retrying <c>eth_sendRawTransaction</c> is safe: every attempt sends the same signed bytes, so the transaction
/// (hash, nonce) is the same; an attempt that reached the node before timing out makes the next one answer
/// "already known" or, once mined, "nonce too low" — both mean the broadcast has happened (check the hash).
/// </para>
/// </summary>
public static class EvmRpcResilience
{
    public static ResiliencePipeline CreatePipeline(RpcResilienceOptions options, ILogger? logger = null, string? chainName = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var log = logger ?? NullLogger.Instance;
        var chain = chainName ?? "?";
        return RpcResiliencePipeline.Create<EvmRpcTransientException>(options, $"evm-rpc:{chain}", e => e.RetryAfter, (exception, method, retry, delay) =>
        {
            var (kind, error) = Describe(exception);
            EvmRpcLogMessages.RetryingTransientFailure(log, method, chain, kind, error, retry, options.MaxRetryAttempts, (long)delay.TotalMilliseconds);
        }, chain, e => Describe(e).Kind.ToString());
    }

    /// <summary>A failure's kind in the client's taxonomy, and its message.</summary>
    private static (EvmRpcErrorKind Kind, string Error) Describe(Exception? exception) => exception switch
    {
        EvmRpcException e => (e.Kind, e.RpcMessage),
        TimeoutRejectedException t => (EvmRpcErrorKind.Timeout, $"no answer within {t.Timeout.TotalMilliseconds:0} ms"),
        { } other => (EvmRpcErrorKind.Other, other.Message),
        null => (EvmRpcErrorKind.Other, "no exception"),
    };
}
