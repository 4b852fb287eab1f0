using System.Net;

namespace StratosBridge.Chains.Evm.Rpc;

/// <summary>The transaction's nonce is below the account's: that nonce is used. For a re-broadcast of our own stored bytes this usually means our transaction is mined — look up its hash before treating it as a failure.</summary>
public sealed class EvmRpcNonceTooLowException(
    string method, long code, string rpcMessage, string? errorData = null, HttpStatusCode? httpStatus = null)
    : EvmRpcException(method, code, rpcMessage, EvmRpcErrorKind.NonceTooLow, errorData, httpStatus);
