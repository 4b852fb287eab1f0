using System.Net;

namespace StratosBridge.Chains.JsonRpc;

/// <summary>
/// How one protocol (EVM, Solana) names what went wrong: the typed exception for each kind of failure the shared
/// <see cref="JsonRpcTransport"/> meets. Only the JSON-RPC error mapping differs much between protocols.
/// </summary>
/// <param name="Protocol">The protocol's name in logs and registrations ("EVM", "Solana").</param>
/// <param name="FromRpcError">A JSON-RPC error object (method, code, message, data), in a 2xx answer or in an HTTP error
/// (its status and Retry-After).</param>
/// <param name="FromHttpStatus">An HTTP error answer without a JSON-RPC error object (method, status, body, Retry-After).</param>
/// <param name="Unreadable">A body that is not a JSON-RPC answer at all (transient: a proxy's page, a cut-off body).</param>
/// <param name="UnexpectedResult">A well-formed answer whose result does not have the expected shape (permanent).</param>
public sealed record RpcFaults(
    string Protocol,
    Func<string, long, string, string?, HttpStatusCode?, TimeSpan?, RpcException> FromRpcError,
    Func<string, HttpStatusCode, string?, TimeSpan?, RpcException> FromHttpStatus,
    Func<string, TimeSpan, Exception, RpcException> Timeout,
    Func<string, Exception, RpcException> Connection,
    Func<string, string, Exception?, RpcException> Unreadable,
    Func<string, Exception, RpcException> UnexpectedResult);
