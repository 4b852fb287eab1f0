using System.Net;

namespace StratosBridge.Chains.Solana.Rpc;

/// <summary>
/// A failed JSON-RPC call to a Solana node: a JSON-RPC error object, an HTTP error, a transport fault or an unreadable
/// answer. <see cref="Kind"/> says what it means; only <see cref="SolanaRpcTransientException"/> is retried.
/// See <see cref="SolanaRpcErrors"/> for the mapping.
/// </summary>
public class SolanaRpcException(
    string method,
    long code,
    string rpcMessage,
    SolanaRpcErrorKind kind,
    string? errorData = null,
    HttpStatusCode? httpStatus = null,
    Exception? innerException = null)
    : Exception(Describe(method, code, rpcMessage, kind, httpStatus), innerException)
{
    public string Method { get; } = method;

    /// <summary>The JSON-RPC error code; 0 when the failure was not a JSON-RPC error object.</summary>
    public long Code { get; } = code;

    /// <summary>The node's message as sent (or a description of the transport failure).</summary>
    public string RpcMessage { get; } = rpcMessage;

    public SolanaRpcErrorKind Kind { get; } = kind;

    /// <summary>The error's <c>data</c> as raw JSON (a preflight failure's simulation result, for example).</summary>
    public string? ErrorData { get; } = errorData;

    /// <summary>The HTTP status when it was not 2xx.</summary>
    public HttpStatusCode? HttpStatus { get; } = httpStatus;

    /// <summary>True when the same request may succeed later (the resilience pipeline retries these).</summary>
    public virtual bool IsTransient => false;

    private static string Describe(string method, long code, string rpcMessage, SolanaRpcErrorKind kind, HttpStatusCode? httpStatus) =>
        httpStatus is { } status
            ? $"{method} failed: {kind} (code {code}, HTTP {(int)status}): {rpcMessage}"
            : $"{method} failed: {kind} (code {code}): {rpcMessage}";
}
