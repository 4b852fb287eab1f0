using System.Text.Json;

namespace StratosBridge.Chains.Evm.Rpc;

/// <summary>One log entry from <c>eth_getLogs</c> or a receipt. Hex strings are lower case.</summary>
public sealed record EvmLog
{
    public required string Address { get; init; }

    /// <summary>topic0 (the event signature hash for non-anonymous events) first.</summary>
    public required IReadOnlyList<string> Topics { get; init; }

    public required string Data { get; init; }

    public required long BlockNumber { get; init; }

    public required string BlockHash { get; init; }

    public required string TransactionHash { get; init; }

    public required int TransactionIndex { get; init; }

    /// <summary>Index of the log in its block (the natural key is (chain, TransactionHash, LogIndex)).</summary>
    public required int LogIndex { get; init; }

    /// <summary>True when a node reports the log as removed by a reorg (filters/subscriptions).</summary>
    public bool Removed { get; init; }

    internal static EvmLog Parse(JsonElement log) => new()
    {
        Address = EvmRpcHex.ParseData(EvmRpcJson.Required(log, "address")),
        Topics = EvmRpcJson.Required(log, "topics").EnumerateArray().Select(EvmRpcHex.ParseData).ToArray(),
        Data = EvmRpcHex.ParseData(EvmRpcJson.Required(log, "data")),
        BlockNumber = EvmRpcHex.ParseLong(EvmRpcJson.Required(log, "blockNumber")),
        BlockHash = EvmRpcHex.ParseData(EvmRpcJson.Required(log, "blockHash")),
        TransactionHash = EvmRpcHex.ParseData(EvmRpcJson.Required(log, "transactionHash")),
        TransactionIndex = EvmRpcHex.ParseInt(EvmRpcJson.Required(log, "transactionIndex")),
        LogIndex = EvmRpcHex.ParseInt(EvmRpcJson.Required(log, "logIndex")),
        Removed = EvmRpcJson.Optional(log, "removed") is { ValueKind: JsonValueKind.True },
    };
}
