using System.Globalization;
using System.Net;
using StratosBridge.Chains.JsonRpc;

namespace StratosBridge.Chains.Solana.Rpc;

/// <summary>
/// Maps what a Solana node answers to the typed exceptions. The JSON-RPC code decides (agave's
/// <c>rpc-client-api/src/custom_error.rs</c> codes -32001…-32019 and the JSON-RPC 2.0 ones; HTTP 429 and the 429/-32429
/// codes of RPC providers are rate limits); for other codes, a provider's rate-limit wording, then the HTTP status
/// (5xx and 408 transient).
/// </summary>
public static class SolanaRpcErrors
{
    private static readonly string[] RateLimited = ["rate limit", "too many requests", "rate-limited", "credits", "quota"];

    /// <summary>Classifies a JSON-RPC error object.</summary>
    /// <param name="data">The error's <c>data</c> as raw JSON.</param>
    /// <param name="httpStatus">The HTTP status when it was not 2xx.</param>
    public static SolanaRpcException FromRpcError(string method, long code, string message, string? data = null,
        HttpStatusCode? httpStatus = null, TimeSpan? retryAfter = null)
    {
        if (code is 429 or -32429 || httpStatus == HttpStatusCode.TooManyRequests)
        {
            return Transient(SolanaRpcErrorKind.RateLimited);
        }
        return code switch
        {
            -32005 => Transient(SolanaRpcErrorKind.NodeUnhealthy),
            -32004 or -32014 or -32019 => Transient(SolanaRpcErrorKind.BlockNotAvailable),
            -32016 => Transient(SolanaRpcErrorKind.MinContextSlotNotReached),
            -32603 => Transient(SolanaRpcErrorKind.InternalError),
            -32002 => Permanent(SolanaRpcErrorKind.PreflightFailure),
            -32003 => Permanent(SolanaRpcErrorKind.SignatureVerificationFailure),
            -32015 => Permanent(SolanaRpcErrorKind.UnsupportedTransactionVersion),
            -32001 or -32007 or -32009 or -32011 => Permanent(SolanaRpcErrorKind.HistoryNotAvailable),
            -32602 => Permanent(SolanaRpcErrorKind.InvalidParams),
            -32601 => Permanent(SolanaRpcErrorKind.MethodNotFound),
            -32600 or -32700 => Permanent(SolanaRpcErrorKind.InvalidRequest),
            _ when RateLimited.Any(m => message.Contains(m, StringComparison.OrdinalIgnoreCase)) =>
                Transient(SolanaRpcErrorKind.RateLimited),
            _ when httpStatus is { } status && JsonRpcTransport.IsTransientStatus(status) => Transient(SolanaRpcErrorKind.HttpStatus),
            _ => Permanent(SolanaRpcErrorKind.Other),
        };

        SolanaRpcException Transient(SolanaRpcErrorKind kind) =>
            new SolanaRpcTransientException(method, kind, code, message, data, httpStatus, retryAfter);

        SolanaRpcException Permanent(SolanaRpcErrorKind kind) => new(method, code, message, kind, data, httpStatus);
    }

    /// <summary>Classifies an HTTP error answer that carries no JSON-RPC error object.</summary>
    public static SolanaRpcException FromHttpStatus(string method, HttpStatusCode status, string? body = null, TimeSpan? retryAfter = null)
    {
        var message = JsonRpcTransport.DescribeHttpStatus(status, body);
        if (status == HttpStatusCode.TooManyRequests)
        {
            return new SolanaRpcTransientException(method, SolanaRpcErrorKind.RateLimited, 0, message, null, status, retryAfter);
        }
        return JsonRpcTransport.IsTransientStatus(status)
            ? new SolanaRpcTransientException(method, SolanaRpcErrorKind.HttpStatus, 0, message, null, status, retryAfter)
            : new SolanaRpcException(method, 0, message, SolanaRpcErrorKind.HttpStatus, null, status);
    }

    internal static SolanaRpcTransientException Timeout(string method, TimeSpan timeout, Exception inner) =>
        new(method, SolanaRpcErrorKind.Timeout, 0,
            $"no answer within {timeout.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms",
            innerException: inner);

    internal static SolanaRpcTransientException Connection(string method, Exception inner) =>
        new(method, SolanaRpcErrorKind.Connection, 0, inner.Message, innerException: inner);

    internal static SolanaRpcTransientException Unreadable(string method, string what, Exception? inner = null) =>
        new(method, SolanaRpcErrorKind.InvalidResponse, 0, what, innerException: inner);

    internal static SolanaRpcException UnexpectedResult(string method, Exception inner) =>
        new(method, 0, "unexpected result: " + inner.Message, SolanaRpcErrorKind.InvalidResponse, innerException: inner);

    /// <summary>This taxonomy, for the shared transport.</summary>
    internal static RpcFaults Faults { get; } = new("Solana", FromRpcError, FromHttpStatus, Timeout, Connection, Unreadable, UnexpectedResult);
}
