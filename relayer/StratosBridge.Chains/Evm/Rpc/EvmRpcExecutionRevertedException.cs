using System.Net;

namespace StratosBridge.Chains.Evm.Rpc;

/// <summary>
/// The EVM reverted (<c>eth_call</c>, <c>eth_estimateGas</c>, or a send that simulates first). JSON-RPC code 3
/// "execution reverted" on geth/anvil/erigon/Besu. <see cref="RevertData"/> is the raw revert payload
/// (an <c>Error(string)</c>, <c>Panic(uint256)</c> or custom error, ABI-encoded), named by a contract binding (<c>RevertReason</c>).
/// </summary>
public sealed class EvmRpcExecutionRevertedException(
    string method,
    long code,
    string rpcMessage,
    string? errorData = null,
    HttpStatusCode? httpStatus = null,
    string? revertData = null)
    : EvmRpcException(method, code, rpcMessage, EvmRpcErrorKind.ExecutionReverted, errorData, httpStatus)
{
    /// <summary>0x-prefixed lower-case revert data, or null when the node sent none ("0x" for an empty revert).</summary>
    public string? RevertData { get; } = revertData;

    /// <summary>The node's text after "execution reverted: ", e.g. a require message or "custom error 0x…".</summary>
    public string? Reason { get; } = ExtractReason(rpcMessage);

    private static string? ExtractReason(string message)
    {
        const string prefix = "execution reverted:";
        var at = message.IndexOf(prefix, StringComparison.OrdinalIgnoreCase);
        return at >= 0 && message[(at + prefix.Length)..].Trim() is { Length: > 0 } reason ? reason : null;
    }
}
