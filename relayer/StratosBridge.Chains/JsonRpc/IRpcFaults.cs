using System.Net;

namespace StratosBridge.Chains.JsonRpc;

/// <summary>
/// How one protocol (EVM, Solana) names what went wrong: the typed exception for each kind of failure the shared
/// <see cref="JsonRpcTransport"/> meets. Only the JSON-RPC error mapping differs much between protocols.
/// </summary>
public interface IRpcFaults
{
    /// <summary>The protocol's name in logs ("EVM", "Solana").</summary>
    string Protocol { get; }

    /// <summary>A JSON-RPC error object, in a 2xx answer or (<paramref name="httpStatus"/> set) in an HTTP error.</summary>
    RpcException FromRpcError(string method, long code, string message, string? data, HttpStatusCode? httpStatus, TimeSpan? retryAfter);

    /// <summary>An HTTP error answer without a JSON-RPC error object.</summary>
    RpcException FromHttpStatus(string method, HttpStatusCode status, string? body, TimeSpan? retryAfter);

    RpcException Timeout(string method, TimeSpan timeout, Exception inner);

    RpcException Connection(string method, Exception inner);

    /// <summary>A body that is not a JSON-RPC answer at all (transient: a proxy's page, a cut-off body).</summary>
    RpcException Unreadable(string method, string what, Exception? inner);

    /// <summary>A well-formed answer whose result does not have the expected shape (permanent).</summary>
    RpcException UnexpectedResult(string method, Exception inner);
}
