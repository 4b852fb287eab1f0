using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Chains.Evm.Submitting;

namespace StratosBridge.Tests.Integration.Pages;

/// <summary>
/// An EIP-1193 provider (<c>window.ethereum</c>) injected into a page and backed by one devnet key (the same account on
/// every chain, as in a browser wallet): the page's
/// <c>eth_sendTransaction</c> is signed with that key and sent to the real anvil of the chain the wallet is on, as a
/// browser wallet would after the user confirms; reads (<c>eth_getTransactionReceipt</c>, <c>eth_call</c>, …) go to that
/// node. <c>wallet_switchEthereumChain</c> moves between the chains it was given. <see cref="Requests"/> records every
/// method the page asked for.
/// </summary>
public sealed class InjectedWallet(EthKey key, IReadOnlyDictionary<long, EvmRpcClient> rpcs, long startChainId)
{
    private readonly Dictionary<long, (EvmRpcClient Rpc, EvmDirectSubmitter Signer)> chains =
        rpcs.ToDictionary(c => c.Key, c => (c.Value, new EvmDirectSubmitter(c.Value, key, (ulong)c.Key)));

    private long _chainId = startChainId;

    public List<string> Requests { get; } = [];

    public List<string> SentTransactions { get; } = [];

    public EthAddress Address => key.Address;

    public async Task InjectAsync(IPage page)
    {
        await page.ExposeFunctionAsync<string, string, Task<string>>("__devnetWallet", RequestAsync);
        await page.AddInitScriptAsync("""
            window.ethereum = {
              isDevnetWallet: true,
              async request({ method, params }) {
                const answer = JSON.parse(await window.__devnetWallet(method, JSON.stringify(params ?? [])));
                if (answer.error) { const e = new Error(answer.error.message); e.code = answer.error.code; throw e; }
                return answer.result;
              },
              on() {}, removeListener() {},
            };
            """);
    }

    private async Task<string> RequestAsync(string method, string paramsJson)
    {
        lock (Requests)
        {
            Requests.Add(method);
        }
        var parameters = JsonNode.Parse(paramsJson)!.AsArray();
        try
        {
            JsonNode? result = method switch
            {
                "eth_requestAccounts" or "eth_accounts" => new JsonArray(Address.ToLowerHex()),
                "eth_chainId" => "0x" + _chainId.ToString("x", CultureInfo.InvariantCulture),
                "wallet_switchEthereumChain" => Switch(parameters),
                "eth_sendTransaction" => await SendAsync(parameters[0]!.AsObject()),
                _ => await ForwardAsync(method, parameters),
            };
            return new JsonObject { ["result"] = result }.ToJsonString();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new JsonObject { ["error"] = new JsonObject { ["code"] = -32603, ["message"] = e.Message } }.ToJsonString();
        }
    }

    /// <summary>Any other method, passed to the chain's node as it came (its params and result as raw JSON).</summary>
    private async Task<JsonNode?> ForwardAsync(string method, JsonArray parameters)
    {
        var result = await chains[_chainId].Rpc.RequestAsync<JToken?>(method,
            [.. parameters.Select(p => (object?)JToken.Parse(p?.ToJsonString() ?? "null"))]);
        return result is null ? null : JsonNode.Parse(result.ToString(Formatting.None));
    }

    private JsonNode? Switch(JsonArray parameters)
    {
        var wanted = Convert.ToInt64(parameters[0]!["chainId"]!.GetValue<string>()[2..], 16);
        if (!chains.ContainsKey(wanted))
        {
            throw new InvalidOperationException($"Unrecognized chain ID {wanted}");
        }
        _chainId = wanted;
        return null;
    }

    private async Task<JsonNode> SendAsync(JsonObject tx)
    {
        var signer = chains[_chainId].Signer;
        if (tx["from"] is { } from && !string.Equals(from.GetValue<string>(), signer.Address.ToLowerHex(), StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"the wallet has no account {from}");
        }
        var to = EthAddress.Parse(tx["to"]!.GetValue<string>());
        var data = tx["data"] is { } d ? Hex.Decode(d.GetValue<string>()) : [];
        var value = tx["value"] is { } v ? Hex.DecodeQuantity(v.GetValue<string>()) : BigInteger.Zero;
        var receipt = await signer.SendAsync(to, data, value);
        lock (SentTransactions)
        {
            SentTransactions.Add(receipt.TransactionHash);
        }
        return receipt.TransactionHash;
    }
}
