using System.Net;

namespace StratosBridge.Chains.Evm.Rpc;

/// <summary>
/// <c>eth_getLogs</c> refused the request because of its block range or result size ("query returned more than
/// 10000 results", "block range too large", "exceed maximum block range: 5000", "limit exceeded", Alchemy's
/// "Log response size exceeded…"). Not retried as is: a watcher shrinks the range and asks again. When the message
/// carries hints they are parsed: a suggested range (Alchemy, zkSync) and a maximum block span.
/// </summary>
public sealed class EvmRpcLogRangeTooLargeException(
    string method,
    long code,
    string rpcMessage,
    string? errorData = null,
    HttpStatusCode? httpStatus = null,
    long? maxBlockRange = null,
    long? suggestedFromBlock = null,
    long? suggestedToBlock = null)
    : EvmRpcException(method, code, rpcMessage, EvmRpcErrorKind.LogRangeTooLarge, errorData, httpStatus)
{
    /// <summary>The largest block span the node accepts, when its message says so.</summary>
    public long? MaxBlockRange { get; } = maxBlockRange;

    /// <summary>The start of a range the node suggests, when its message says so.</summary>
    public long? SuggestedFromBlock { get; } = suggestedFromBlock;

    /// <summary>The end (inclusive) of a range the node suggests, when its message says so.</summary>
    public long? SuggestedToBlock { get; } = suggestedToBlock;
}
