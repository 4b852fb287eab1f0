using System.Net;

namespace StratosBridge.Chains.Evm.Rpc;

/// <summary>A different transaction with the same nonce is pooled and this one does not raise the fees enough to replace it.</summary>
public sealed class EvmRpcReplacementUnderpricedException(
    string method, long code, string rpcMessage, string? errorData = null, HttpStatusCode? httpStatus = null)
    : EvmRpcException(method, code, rpcMessage, EvmRpcErrorKind.ReplacementUnderpriced, errorData, httpStatus);
