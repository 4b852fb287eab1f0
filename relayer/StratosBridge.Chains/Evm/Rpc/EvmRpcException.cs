using System.Net;
using StratosBridge.Chains.JsonRpc;

namespace StratosBridge.Chains.Evm.Rpc;

/// <summary>
/// A failed JSON-RPC call to an EVM node: a JSON-RPC error object, an HTTP error, a transport fault or an
/// unreadable answer. <see cref="Kind"/> says what it means; <see cref="IsTransient"/> says whether trying again
/// can help (only <see cref="EvmRpcTransientException"/> is retried). See <see cref="EvmRpcErrors"/> for the mapping.
/// </summary>
public class EvmRpcException : RpcException
{
    public EvmRpcException(string method, long code, string message)
        : this(method, code, message, EvmRpcErrorKind.Other)
    {
    }

    public EvmRpcException(string method, long code, string rpcMessage, EvmRpcErrorKind kind,
        string? errorData = null, HttpStatusCode? httpStatus = null, Exception? innerException = null)
        : base(method, code, rpcMessage, kind.ToString(), errorData, httpStatus, innerException)
    {
        Kind = kind;
    }

    public EvmRpcErrorKind Kind { get; }
}
