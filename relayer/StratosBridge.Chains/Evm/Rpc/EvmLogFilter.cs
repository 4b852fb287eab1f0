using System.Text.Json.Nodes;

namespace StratosBridge.Chains.Evm.Rpc;

/// <summary>
/// The filter of <c>eth_getLogs</c>: a block range, contract addresses (any of), and topics by position.
/// <see cref="Topics"/>[i] is <c>null</c> for "any value" or a list of alternatives ("any of").
/// </summary>
public sealed record EvmLogFilter(EvmBlockTag FromBlock, EvmBlockTag ToBlock)
{
    public IReadOnlyList<string> Addresses { get; init; } = [];

    public IReadOnlyList<IReadOnlyList<string>?> Topics { get; init; } = [];

    internal JsonObject ToJson()
    {
        var filter = new JsonObject
        {
            ["fromBlock"] = FromBlock.Value,
            ["toBlock"] = ToBlock.Value,
        };
        if (Addresses.Count == 1)
        {
            filter["address"] = EvmRpcHex.Normalize(Addresses[0], nameof(Addresses));
        }
        else if (Addresses.Count > 1)
        {
            filter["address"] = new JsonArray(Addresses.Select(a => (JsonNode?)EvmRpcHex.Normalize(a, nameof(Addresses))).ToArray());
        }
        if (Topics.Count > 0)
        {
            var topics = new JsonArray();
            foreach (var position in Topics)
            {
                topics.Add(position switch
                {
                    null => null,
                    [var single] => (JsonNode)EvmRpcHex.Normalize(single, nameof(Topics)),
                    _ => new JsonArray(position.Select(t => (JsonNode?)EvmRpcHex.Normalize(t, nameof(Topics))).ToArray()),
                });
            }
            filter["topics"] = topics;
        }
        return filter;
    }
}
