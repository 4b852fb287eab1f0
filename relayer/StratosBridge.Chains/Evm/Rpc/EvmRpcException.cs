using System.Net;

namespace StratosBridge.Chains.Evm.Rpc;

/// <summary>
/// A failed JSON-RPC call to an EVM node: a JSON-RPC error object, an HTTP error, a transport fault or an
/// unreadable answer. <see cref="Kind"/> says what it means; <see cref="IsTransient"/> says whether trying again
/// can help (only <see cref="EvmRpcTransientException"/> is retried). See <see cref="EvmRpcErrors"/> for the mapping.
/// </summary>
public class EvmRpcException : Exception
{
    public EvmRpcException(string method, long code, string message)
        : this(method, code, message, EvmRpcErrorKind.Other)
    {
    }

    public EvmRpcException(string method, long code, string rpcMessage, EvmRpcErrorKind kind,
        string? errorData = null, HttpStatusCode? httpStatus = null, Exception? innerException = null)
        : base(Describe(method, code, rpcMessage, kind, httpStatus), innerException)
    {
        Method = method;
        Code = code;
        RpcMessage = rpcMessage;
        Kind = kind;
        ErrorData = errorData;
        HttpStatus = httpStatus;
    }

    /// <summary>The JSON-RPC method.</summary>
    public string Method { get; }

    /// <summary>The JSON-RPC error code; 0 when the failure was not a JSON-RPC error object.</summary>
    public long Code { get; }

    /// <summary>The node's message as sent (or a description of the transport failure).</summary>
    public string RpcMessage { get; }

    public EvmRpcErrorKind Kind { get; }

    /// <summary>The JSON-RPC error's <c>data</c>: the string itself, or the raw JSON of an object.</summary>
    public string? ErrorData { get; }

    /// <summary>The HTTP status when it was not 2xx.</summary>
    public HttpStatusCode? HttpStatus { get; }

    /// <summary>True when the same request may succeed later (the resilience pipeline retries these).</summary>
    public virtual bool IsTransient => false;

    private static string Describe(string method, long code, string rpcMessage, EvmRpcErrorKind kind, HttpStatusCode? httpStatus) =>
        httpStatus is { } status
            ? $"{method} failed: {kind} (code {code}, HTTP {(int)status}): {rpcMessage}"
            : $"{method} failed: {kind} (code {code}): {rpcMessage}";
}
