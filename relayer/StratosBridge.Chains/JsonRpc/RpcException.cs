using System.Net;

namespace StratosBridge.Chains.JsonRpc;

/// <summary>
/// A failed JSON-RPC call: a JSON-RPC error object, an HTTP error, a transport fault or an unreadable answer. Each
/// protocol (EVM, Solana) subclasses it with its own kinds; <see cref="IsTransient"/> says whether trying again can help,
/// and only transient failures are retried by <see cref="RpcResiliencePipeline"/>.
/// </summary>
public abstract class RpcException(
    string method,
    long code,
    string rpcMessage,
    string kindName,
    string? errorData,
    HttpStatusCode? httpStatus,
    Exception? innerException)
    : Exception(Describe(method, code, rpcMessage, kindName, httpStatus), innerException)
{
    /// <summary>The JSON-RPC method.</summary>
    public string Method { get; } = method;

    /// <summary>The JSON-RPC error code; 0 when the failure was not a JSON-RPC error object.</summary>
    public long Code { get; } = code;

    /// <summary>The node's message as sent (or a description of the transport failure).</summary>
    public string RpcMessage { get; } = rpcMessage;

    /// <summary>The error's <c>data</c>: a string as sent, anything else as raw JSON.</summary>
    public string? ErrorData { get; } = errorData;

    /// <summary>The HTTP status when it was not 2xx.</summary>
    public HttpStatusCode? HttpStatus { get; } = httpStatus;

    /// <summary>The kind in the protocol's taxonomy, by name (for logs and the error counter).</summary>
    public string KindName { get; } = kindName;

    /// <summary>True when the same request may succeed later (the resilience pipeline retries these).</summary>
    public virtual bool IsTransient => false;

    /// <summary>The server's <c>Retry-After</c> on a transient failure, when it sent one.</summary>
    public virtual TimeSpan? RetryAfter => null;

    private static string Describe(string method, long code, string rpcMessage, string kind, HttpStatusCode? httpStatus) =>
        httpStatus is { } status
            ? $"{method} failed: {kind} (code {code}, HTTP {(int)status}): {rpcMessage}"
            : $"{method} failed: {kind} (code {code}): {rpcMessage}";
}
