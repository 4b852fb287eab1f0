using System.Net;

namespace StratosBridge.Chains.Solana.Rpc;

/// <summary>
/// A failure that may go away on its own: timeouts, connection faults, HTTP 5xx/408/429, rate limits, an unhealthy or
/// lagging node. The resilience pipeline retries exactly these; after the last attempt this reaches the caller, whose
/// job retries later.
/// </summary>
public sealed class SolanaRpcTransientException(
    string method,
    SolanaRpcErrorKind kind,
    long code,
    string rpcMessage,
    string? errorData = null,
    HttpStatusCode? httpStatus = null,
    TimeSpan? retryAfter = null,
    Exception? innerException = null)
    : SolanaRpcException(method, code, rpcMessage, kind, errorData, httpStatus, innerException)
{
    /// <summary>The server's <c>Retry-After</c>, when it sent one; the pipeline waits that long (capped at its max delay).</summary>
    public override TimeSpan? RetryAfter { get; } = retryAfter;

    public override bool IsTransient => true;
}
