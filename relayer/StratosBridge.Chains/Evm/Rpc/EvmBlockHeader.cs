using System.Numerics;
using System.Text.Json;

namespace StratosBridge.Chains.Evm.Rpc;

/// <summary>The header fields of <c>eth_getBlockByNumber</c> (transactions not requested).</summary>
/// <param name="Timestamp">Unix seconds.</param>
/// <param name="BaseFeePerGas">Absent before London / on chains without EIP-1559.</param>
public sealed record EvmBlockHeader(long Number, string Hash, string ParentHash, long Timestamp, BigInteger? BaseFeePerGas)
{
    public DateTimeOffset Time => DateTimeOffset.FromUnixTimeSeconds(Timestamp);

    internal static EvmBlockHeader Parse(JsonElement block) => new(
        EvmRpcHex.ParseLong(EvmRpcJson.Required(block, "number")),
        EvmRpcHex.ParseData(EvmRpcJson.Required(block, "hash")),
        EvmRpcHex.ParseData(EvmRpcJson.Required(block, "parentHash")),
        EvmRpcHex.ParseLong(EvmRpcJson.Required(block, "timestamp")),
        EvmRpcJson.Optional(block, "baseFeePerGas") is { } fee ? EvmRpcHex.ParseQuantity(fee) : null);
}
