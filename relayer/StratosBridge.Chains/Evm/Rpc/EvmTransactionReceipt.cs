using System.Numerics;
using System.Text.Json;

namespace StratosBridge.Chains.Evm.Rpc;

/// <summary>The receipt of a mined transaction (<c>eth_getTransactionReceipt</c>).</summary>
public sealed record EvmTransactionReceipt
{
    public required string TransactionHash { get; init; }

    public required string BlockHash { get; init; }

    public required long BlockNumber { get; init; }

    public required int TransactionIndex { get; init; }

    /// <summary>Receipt status 1 (success) or 0 (reverted / out of gas).</summary>
    public required bool Succeeded { get; init; }

    public required long GasUsed { get; init; }

    public required long CumulativeGasUsed { get; init; }

    /// <summary>The price per gas actually paid; absent only on pre-London nodes.</summary>
    public required BigInteger? EffectiveGasPrice { get; init; }

    public required string From { get; init; }

    public string? To { get; init; }

    public string? ContractAddress { get; init; }

    public required IReadOnlyList<EvmLog> Logs { get; init; }

    internal static EvmTransactionReceipt Parse(JsonElement receipt)
    {
        var status = EvmRpcHex.ParseQuantity(EvmRpcJson.Required(receipt, "status"));
        return new EvmTransactionReceipt
        {
            TransactionHash = EvmRpcHex.ParseData(EvmRpcJson.Required(receipt, "transactionHash")),
            BlockHash = EvmRpcHex.ParseData(EvmRpcJson.Required(receipt, "blockHash")),
            BlockNumber = EvmRpcHex.ParseLong(EvmRpcJson.Required(receipt, "blockNumber")),
            TransactionIndex = EvmRpcHex.ParseInt(EvmRpcJson.Required(receipt, "transactionIndex")),
            Succeeded = status == BigInteger.One
                ? true
                : status.IsZero ? false : throw new FormatException($"receipt status {status} is neither 0 nor 1"),
            GasUsed = EvmRpcHex.ParseLong(EvmRpcJson.Required(receipt, "gasUsed")),
            CumulativeGasUsed = EvmRpcHex.ParseLong(EvmRpcJson.Required(receipt, "cumulativeGasUsed")),
            EffectiveGasPrice = EvmRpcJson.Optional(receipt, "effectiveGasPrice") is { } price ? EvmRpcHex.ParseQuantity(price) : null,
            From = EvmRpcHex.ParseData(EvmRpcJson.Required(receipt, "from")),
            To = EvmRpcJson.OptionalData(receipt, "to"),
            ContractAddress = EvmRpcJson.OptionalData(receipt, "contractAddress"),
            Logs = EvmRpcJson.Required(receipt, "logs").EnumerateArray().Select(EvmLog.Parse).ToArray(),
        };
    }
}
