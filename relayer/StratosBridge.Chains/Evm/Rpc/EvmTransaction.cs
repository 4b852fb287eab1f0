using System.Numerics;
using System.Text.Json;

namespace StratosBridge.Chains.Evm.Rpc;

/// <summary>A transaction as <c>eth_getTransactionByHash</c> reports it; the block fields are null while pending.</summary>
public sealed record EvmTransaction
{
    public required string Hash { get; init; }

    /// <summary>0 legacy, 1 EIP-2930, 2 EIP-1559, …</summary>
    public required int Type { get; init; }

    public required string From { get; init; }

    /// <summary>Null for a contract creation.</summary>
    public string? To { get; init; }

    public required long Nonce { get; init; }

    public required BigInteger Value { get; init; }

    public required string Input { get; init; }

    public required long Gas { get; init; }

    /// <summary>Legacy price, or (for EIP-1559 on most nodes) the effective price once mined.</summary>
    public BigInteger? GasPrice { get; init; }

    public BigInteger? MaxFeePerGas { get; init; }

    public BigInteger? MaxPriorityFeePerGas { get; init; }

    public long? ChainId { get; init; }

    public long? BlockNumber { get; init; }

    public string? BlockHash { get; init; }

    public int? TransactionIndex { get; init; }

    public bool IsPending => BlockNumber is null;

    internal static EvmTransaction Parse(JsonElement tx) => new()
    {
        Hash = EvmRpcHex.ParseData(EvmRpcJson.Required(tx, "hash")),
        Type = EvmRpcJson.Optional(tx, "type") is { } type ? EvmRpcHex.ParseInt(type) : 0,
        From = EvmRpcHex.ParseData(EvmRpcJson.Required(tx, "from")),
        To = EvmRpcJson.OptionalData(tx, "to"),
        Nonce = EvmRpcHex.ParseLong(EvmRpcJson.Required(tx, "nonce")),
        Value = EvmRpcHex.ParseQuantity(EvmRpcJson.Required(tx, "value")),
        Input = EvmRpcHex.ParseData(EvmRpcJson.Required(tx, "input")),
        Gas = EvmRpcHex.ParseLong(EvmRpcJson.Required(tx, "gas")),
        GasPrice = OptionalQuantity(tx, "gasPrice"),
        MaxFeePerGas = OptionalQuantity(tx, "maxFeePerGas"),
        MaxPriorityFeePerGas = OptionalQuantity(tx, "maxPriorityFeePerGas"),
        ChainId = OptionalQuantity(tx, "chainId") is { } chainId ? (long)chainId : null,
        BlockNumber = OptionalQuantity(tx, "blockNumber") is { } number ? (long)number : null,
        BlockHash = EvmRpcJson.OptionalData(tx, "blockHash"),
        TransactionIndex = OptionalQuantity(tx, "transactionIndex") is { } index ? (int)index : null,
    };

    private static BigInteger? OptionalQuantity(JsonElement tx, string name) =>
        EvmRpcJson.Optional(tx, name) is { } value ? EvmRpcHex.ParseQuantity(value) : null;
}
