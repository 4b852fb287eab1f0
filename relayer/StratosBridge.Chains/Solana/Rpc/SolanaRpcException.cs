using System.Net;
using StratosBridge.Chains.JsonRpc;

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
    : RpcException(method, code, rpcMessage, kind.ToString(), errorData, httpStatus, innerException)
{
    public SolanaRpcErrorKind Kind { get; } = kind;
}
