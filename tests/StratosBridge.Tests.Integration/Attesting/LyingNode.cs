using System.Collections.Concurrent;
using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Contracts;

namespace StratosBridge.Tests.Integration.Attesting;

/// <summary>
/// The answers of a hacked node, for an <c>RpcFaultProxy.Rewrite</c>: next to every real <c>Locked</c> log of the vault it
/// returns from <c>eth_getLogs</c> it invents one (another transaction hash, a nonce a million higher, the thief as recipient)
/// and answers <c>eth_getTransactionReceipt</c> of the invented transaction with a receipt holding it; and the receipt of a
/// real lock shows one base unit more than was locked.
/// </summary>
public sealed class LyingNode(EthAddress vault, EthAddress thief)
{
    private static readonly string LockedTopic =
        Hex.Encode(Nethereum.Util.Sha3Keccack.Current.CalculateHashAsBytes("Locked(uint64,address,address,uint256,uint256)"));

    private readonly ConcurrentDictionary<string, JsonNode> _invented = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The transactions it invented so far.</summary>
    public IReadOnlyCollection<string> Invented => _invented.Keys.ToList();

    /// <summary>The transaction it invents next to a real lock's.</summary>
    public static string InventedFor(string realHash) => "0xfa4e" + realHash[6..];

    public string? Rewrite(string request, string response)
    {
        var call = JsonNode.Parse(request);
        var method = call?["method"]?.GetValue<string>();
        var answer = JsonNode.Parse(response);
        if (answer is null)
        {
            return null;
        }
        if (method == "eth_getLogs" && answer["result"] is JsonArray logs)
        {
            var invented = logs.Where(IsLock).Select(Invent).ToList();
            foreach (var log in invented)
            {
                logs.Add(log);
            }
            return invented.Count > 0 ? answer.ToJsonString() : null;
        }
        if (method == "eth_getTransactionReceipt" && call?["params"]?[0]?.GetValue<string>() is { } hash)
        {
            if (_invented.TryGetValue(hash, out var receipt))
            {
                answer["result"] = receipt.DeepClone();
                return answer.ToJsonString();
            }
            if (answer["result"]?["logs"] is JsonArray receiptLogs && receiptLogs.Any(IsLock))
            {
                foreach (var log in receiptLogs.Where(IsLock))
                {
                    var data = log!["data"]!.GetValue<string>()[2..];
                    var amount = BigInteger.Parse("0" + data[..64], NumberStyles.HexNumber, CultureInfo.InvariantCulture) + 1;
                    log["data"] = "0x" + Word(amount) + data[64..];
                }
                return answer.ToJsonString();
            }
        }
        return null;
    }

    private bool IsLock(JsonNode? log) =>
        log?["address"]?.GetValue<string>() is { } address && string.Equals(address, vault.ToLowerHex(), StringComparison.OrdinalIgnoreCase)
        && log["topics"]?[0]?.GetValue<string>() is { } topic && string.Equals(topic, LockedTopic, StringComparison.OrdinalIgnoreCase)
        && !_invented.ContainsKey(log["transactionHash"]!.GetValue<string>());

    private JsonNode Invent(JsonNode? real)
    {
        var log = real!.DeepClone();
        var realHash = log["transactionHash"]!.GetValue<string>();
        var hash = InventedFor(realHash);
        var nonce = BigInteger.Parse("0" + log["topics"]![1]!.GetValue<string>()[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture) + 1_000_000;
        log["transactionHash"] = hash;
        log["topics"]![1] = "0x" + Word(nonce);
        log["topics"]![3] = "0x" + new string('0', 24) + thief.ToLowerHex()[2..];
        _invented[hash] = new JsonObject
        {
            ["transactionHash"] = hash, ["transactionIndex"] = log["transactionIndex"]!.DeepClone(), ["blockHash"] = log["blockHash"]!.DeepClone(),
            ["blockNumber"] = log["blockNumber"]!.DeepClone(), ["from"] = thief.ToLowerHex(), ["to"] = vault.ToLowerHex(),
            ["cumulativeGasUsed"] = "0x5208", ["gasUsed"] = "0x5208", ["effectiveGasPrice"] = "0x1", ["contractAddress"] = null,
            ["logs"] = new JsonArray(log.DeepClone()), ["logsBloom"] = "0x" + new string('0', 512), ["status"] = "0x1", ["type"] = "0x2",
        };
        return log;
    }

    private static string Word(BigInteger value) => value.ToString("x64", CultureInfo.InvariantCulture)[^64..];
}
