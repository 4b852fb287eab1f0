using System.Net;

namespace StratosBridge.Chains.Evm.Rpc;

/// <summary>
/// A failure that may go away on its own: timeouts, connection faults, HTTP 5xx/408/429, rate limits,
/// "header not found". The resilience pipeline retries exactly these (with backoff); after the last attempt
/// this exception reaches the caller, whose job then retries later.
/// </summary>
public sealed class EvmRpcTransientException(
    string method,
    EvmRpcErrorKind kind,
    long code,
    string rpcMessage,
    string? errorData = null,
    HttpStatusCode? httpStatus = null,
    TimeSpan? retryAfter = null,
    Exception? innerException = null)
    : EvmRpcException(method, code, rpcMessage, kind, errorData, httpStatus, innerException)
{
    /// <summary>The server's <c>Retry-After</c>, when it sent one; the pipeline waits that long (capped at its max delay).</summary>
    public override TimeSpan? RetryAfter { get; } = retryAfter;

    public override bool IsTransient => true;
}
