using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Stratos;
using static StratosBridge.TestKit.Stratos.CompanionState;

namespace StratosBridge.TestKit.Stratos;

/// <summary>
/// The Cosmos events a stratos-chain v0.12 node records for an EVM transaction that ran <c>runMsg(MsgPrepay)</c>, the
/// <c>GetTxsEventResponse</c> JSON of cosmos-sdk v0.47 (<c>GET /cosmos/tx/v1beta1/txs?events=…</c>) and its event
/// conditions. Typed events (<c>EmitTypedEvents</c>) carry JSON values with their keys sorted (cosmos-sdk
/// <c>types/events.go TypedEventToEvent</c>); the bank's events carry plain text.
/// </summary>
internal static partial class CosmosTxEvents
{
    /// <summary>What geth reports as the VM error of a reverted call (<c>eth_tx_failed</c>).</summary>
    public const string Reverted = "execution reverted";

    /// <summary>
    /// For an applied prepay, in emission order: the bank's <c>SendCoinsFromAccountToModule</c> (<c>coin_spent</c>,
    /// <c>coin_received</c>, <c>transfer</c>, <c>message</c>), x/sds <c>HandleMsgPrepay</c>'s <c>EventPrePay</c>, then
    /// x/evm <c>EthereumTx</c>'s <c>EventEthereumTx</c> (x/evm <c>keeper/msg_server.go</c>). For a refused one only the
    /// last, with <c>eth_tx_failed</c> set: the chain would have reverted the call and dropped the message's events.
    /// </summary>
    public static IReadOnlyList<CosmosEvent> For(CompanionPrepay prepay, EthAddress moduleAccount, BigInteger value, long txIndex,
        long gasUsed, string recipient)
    {
        var events = new List<CosmosEvent>();
        if (prepay is { Applied: true, Sender: { } sender, Beneficiary: { } beneficiary, Wei: { } wei, PurchasedNoz: { } noz })
        {
            var from = Bech(sender);
            var module = Bech(moduleAccount);
            var coins = Int(wei) + "wei"; // sdk.Coins.String()
            events.Add(Plain("coin_spent", ("spender", from), ("amount", coins)));
            events.Add(Plain("coin_received", ("receiver", module), ("amount", coins)));
            events.Add(Plain("transfer", ("recipient", module), ("sender", from), ("amount", coins)));
            events.Add(Plain("message", ("sender", from)));
            events.Add(Typed("stratos.sds.v1.EventPrePay",
                ("sender", from), ("beneficiary", Bech(beneficiary)), ("amount", coins), ("purchased_noz", Int(noz))));
        }
        events.Add(Typed("stratos.evm.v1.EventEthereumTx",
            ("amount", Int(value)), ("eth_hash", prepay.TxHash), ("index", Int(txIndex)), ("gas_used", Int(gasUsed)),
            ("hash", CosmosTxHash(prepay.TxHash)), ("recipient", recipient), ("eth_tx_failed", prepay.Applied ? "" : Reverted)));
        return events;
    }

    /// <summary>
    /// Stand-in for the Cosmos tx hash (a node hashes the Cosmos tx bytes that wrap the EVM transaction, which the
    /// companion never sees): the EVM hash's digits in upper case.
    /// </summary>
    public static string CosmosTxHash(string ethTxHash) => ethTxHash[2..].ToUpperInvariant();

    /// <summary>
    /// Parses the <c>events</c> query parameters: each <c>{type}.{attribute}='{value}'</c> (the CometBFT query
    /// condition cosmos-sdk passes on; exactly one <c>=</c>, as cosmos-sdk v0.47 <c>GetTxsEvent</c> checks).
    /// </summary>
    public static bool TryParseConditions(IEnumerable<string?> events, out List<(string Type, string Key, string Value)> conditions,
        [NotNullWhen(false)] out string? error)
    {
        conditions = [];
        foreach (var text in events)
        {
            var match = text is null || text.Count(c => c == '=') != 1 ? null : Condition().Match(text);
            if (match is not { Success: true })
            {
                error = $"invalid event; event {text} should be of the format: {{eventType}}.{{eventAttribute}}={{value}}";
                return false;
            }
            conditions.Add((match.Groups["type"].Value, match.Groups["key"].Value, match.Groups["value"].Value));
        }
        error = conditions.Count == 0 ? "must declare at least one event to search" : null;
        return error is null;
    }

    /// <summary>True when one of the transaction's events has every condition's attribute value (CometBFT's AND).</summary>
    public static bool Matches(IndexedTx tx, IReadOnlyList<(string Type, string Key, string Value)> conditions) =>
        conditions.All(c => tx.Events.Any(e => e.Type == c.Type && e.Attributes.Any(a => a.Key == c.Key && a.Value == c.Value)));

    /// <summary>cosmos-sdk v0.47 <c>GetTxsEventResponse</c> (<c>pagination</c> deprecated and null, <c>total</c> a string).</summary>
    public static JsonObject Response(IReadOnlyList<IndexedTx> txs) => new()
    {
        ["txs"] = new JsonArray([.. txs.Select(tx => (JsonNode)new JsonObject
        {
            ["body"] = new JsonObject
            {
                ["messages"] = new JsonArray(new JsonObject { ["@type"] = "/stratos.evm.v1.MsgEthereumTx", ["hash"] = tx.Prepay.TxHash }),
            },
        })]),
        ["tx_responses"] = new JsonArray([.. txs.Select(TxResponse)]),
        ["pagination"] = null,
        ["total"] = Int(txs.Count),
    };

    private static JsonNode TxResponse(IndexedTx tx) => new JsonObject
    {
        ["height"] = Int(tx.Prepay.BlockNumber),
        ["txhash"] = CosmosTxHash(tx.Prepay.TxHash),
        ["codespace"] = "",
        ["code"] = 0, // the Cosmos tx succeeds even when its EVM call reverts (eth_tx_failed says so)
        ["data"] = "",
        ["raw_log"] = "",
        ["logs"] = new JsonArray(),
        ["info"] = "",
        ["gas_wanted"] = Int(tx.GasWanted),
        ["gas_used"] = Int(tx.GasUsed),
        ["tx"] = null,
        ["timestamp"] = tx.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["events"] = new JsonArray([.. tx.Events.Select(e => (JsonNode)new JsonObject
        {
            ["type"] = e.Type,
            ["attributes"] = new JsonArray([.. e.Attributes.Select(a => (JsonNode)new JsonObject
            {
                ["key"] = a.Key, ["value"] = a.Value, ["index"] = true,
            })]),
        })]),
    };

    private static CosmosEvent Plain(string type, params (string Key, string Value)[] attributes) =>
        new(type, [.. attributes.Select(a => new CosmosEventAttribute(a.Key, a.Value))]);

    /// <summary>A typed event: values as JSON, keys sorted.</summary>
    private static CosmosEvent Typed(string type, params (string Key, string Value)[] attributes) =>
        new(type, [.. attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => new CosmosEventAttribute(a.Key, JsonSerializer.Serialize(a.Value)))]);

    private static string Bech(EthAddress address) => StratosAddress.FromEvm(address).Bech32;

    private static string Int(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<type>[^=\s']+)\.(?<key>[^=\s'.]+)\s*=\s*'(?<value>[^']*)'$")]
    private static partial Regex Condition();
}
