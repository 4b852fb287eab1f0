using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StratosBridge.Chains.Evm.Rpc;

/// <summary>The typed requests this project uses, for single calls and batches.</summary>
public static class EvmRpcRequests
{
    public static EvmRpcRequest<long> ChainId() => new("eth_chainId", [], EvmRpcHex.ParseLong);

    public static EvmRpcRequest<long> BlockNumber() => new("eth_blockNumber", [], EvmRpcHex.ParseLong);

    /// <summary>A block header by number or tag; null when the node has no such block (yet).</summary>
    public static EvmRpcRequest<EvmBlockHeader?> GetBlockByNumber(EvmBlockTag block) =>
        new("eth_getBlockByNumber", [block.Value, false], r => r.ValueKind == JsonValueKind.Null ? null : EvmBlockHeader.Parse(r));

    public static EvmRpcRequest<IReadOnlyList<EvmLog>> GetLogs(EvmLogFilter filter) =>
        new("eth_getLogs", [filter.ToJson()], r => r.EnumerateArray().Select(EvmLog.Parse).ToArray());

    /// <summary><c>eth_call</c>: the return data (lower-case hex, "0x" when empty).</summary>
    public static EvmRpcRequest<string> Call(EvmCallRequest call, EvmBlockTag block) =>
        new("eth_call", [call.ToJson(), block.Value], EvmRpcHex.ParseData);

    /// <summary><c>eth_estimateGas</c>; without a block the node uses its default (latest or pending).</summary>
    public static EvmRpcRequest<long> EstimateGas(EvmCallRequest call, EvmBlockTag? block = null) =>
        new("eth_estimateGas", block is { } b ? [call.ToJson(), b.Value] : [call.ToJson()], EvmRpcHex.ParseLong);

    /// <param name="rewardPercentiles">Increasing percentiles in [0, 100]; empty for no rewards.</param>
    public static EvmRpcRequest<EvmFeeHistory> FeeHistory(int blockCount, EvmBlockTag newestBlock, IReadOnlyList<decimal> rewardPercentiles)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blockCount);
        var percentiles = new JsonArray(rewardPercentiles.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray());
        return new("eth_feeHistory", [EvmRpcHex.Quantity(blockCount), newestBlock.Value, percentiles], EvmFeeHistory.Parse);
    }

    public static EvmRpcRequest<BigInteger> MaxPriorityFeePerGas() =>
        new("eth_maxPriorityFeePerGas", [], EvmRpcHex.ParseQuantity);

    /// <summary><c>eth_getBalance</c>: the account's native balance (wei) at a block.</summary>
    public static EvmRpcRequest<BigInteger> GetBalance(string address, EvmBlockTag block) =>
        new("eth_getBalance", [EvmRpcHex.Normalize(address, nameof(address)), block.Value], EvmRpcHex.ParseQuantity);

    /// <summary>The account's nonce: with <see cref="EvmBlockTag.Pending"/> it counts pooled transactions too.</summary>
    public static EvmRpcRequest<long> GetTransactionCount(string address, EvmBlockTag block) =>
        new("eth_getTransactionCount", [EvmRpcHex.Normalize(address, nameof(address)), block.Value], EvmRpcHex.ParseLong);

    /// <summary><c>eth_sendRawTransaction</c> of signed bytes; the result is the transaction hash.</summary>
    public static EvmRpcRequest<string> SendRawTransaction(ReadOnlySpan<byte> signedTransaction) =>
        new("eth_sendRawTransaction", [EvmRpcHex.Bytes(signedTransaction)], EvmRpcHex.ParseData);

    /// <summary><c>eth_sendRawTransaction</c> of signed bytes given as 0x-hex.</summary>
    public static EvmRpcRequest<string> SendRawTransaction(string signedTransactionHex) =>
        new("eth_sendRawTransaction", [EvmRpcHex.Normalize(signedTransactionHex, nameof(signedTransactionHex))], EvmRpcHex.ParseData);

    /// <summary>The receipt, or null while the transaction is pending or unknown.</summary>
    public static EvmRpcRequest<EvmTransactionReceipt?> GetTransactionReceipt(string transactionHash) =>
        new("eth_getTransactionReceipt", [EvmRpcHex.Normalize(transactionHash, nameof(transactionHash))],
            r => r.ValueKind == JsonValueKind.Null ? null : EvmTransactionReceipt.Parse(r));

    /// <summary>The transaction (pending or mined), or null when the node does not know it.</summary>
    public static EvmRpcRequest<EvmTransaction?> GetTransactionByHash(string transactionHash) =>
        new("eth_getTransactionByHash", [EvmRpcHex.Normalize(transactionHash, nameof(transactionHash))],
            r => r.ValueKind == JsonValueKind.Null ? null : EvmTransaction.Parse(r));
}
