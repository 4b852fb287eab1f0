using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.TestKit;
using StratosBridge.TestKit.Anvil;
using StratosBridge.TestKit.Solana;
using static StratosBridge.Tests.Integration.Payments.PrepayHarness;

namespace StratosBridge.Tests.Integration.Payments;

/// <summary>
/// No single node is trusted with money: a payment is credited only once <c>Chains:ethereum:ConfirmQuorum</c> of the
/// independent <c>Chains:ethereum:ConfirmRpcUrls</c> (<c>Solana:ConfirmRpcUrls</c> for SOL) confirm it. The watcher's node
/// lies here through an <see cref="RpcFaultProxy"/> that invents an <c>OzonePaid</c>, or a confirm endpoint is down.
/// </summary>
[Collection(PaymentsCollection.Name)]
public sealed class PaymentConfirmationTests(PaymentsFixture fx)
{
    private readonly PrepayHarness _h = new(fx);

    [Fact]
    public async Task A_payment_only_the_watchers_node_reports_is_never_credited_and_raises_an_alarm_while_a_real_one_is_credited()
    {
        await using var stratos = await RpcFaultProxy.StartAsync(fx.Bridge.Stratos.RpcUrl);
        await using var lying = await RpcFaultProxy.StartAsync(fx.Bridge.Ethereum.RpcUrl);
        await using var honest = await RpcFaultProxy.StartAsync(fx.Bridge.Ethereum.RpcUrl);
        var (service, url, db) = await _h.StartAsync("confirm_fabricated", stratos, extra: Confirm("Chains:ethereum", 2, fx.Bridge.Ethereum.RpcUrl, honest.Url),
            rpcUrls: new Dictionary<string, Uri> { ["ethereum"] = lying.Url });
        await using var _ = db;
        await using var __ = service;
        var real = await _h.QuoteAsync(url);
        var target = await _h.QuoteAsync(url);

        // The watcher's node adds, next to the real payment's OzonePaid, an OzonePaid of a transaction that does not exist
        // paying the other quote in full; and answers that transaction's receipt.
        var fabricated = new FabricatedPayment(real.QuoteId, target.QuoteId, target.Beneficiary, target.Due);
        lying.Rewrite = fabricated.Rewrite;
        await _h.PayAsync(real.QuoteId, real.Beneficiary, real.Due);

        var credited = await WaitForCreditAsync(url, real.QuoteId, "completed", service);
        Assert.Equal(real.Beneficiary, Assert.Single(await _h.CompanionPrepaysAsync(), p => p.TxHash == credited.GetProperty("txHash").GetString()).Beneficiary);

        // The invented payment was recorded and matched, and its credit waits, saying why, on the quote's page.
        var waiting = await WaitForCreditAsync(url, target.QuoteId, c => c.GetProperty("attempts").GetInt32() >= 3,
            "to have been refused three times", service, txHash: fabricated.TxHash);
        Assert.Equal("ready", waiting.GetProperty("status").GetString());
        var reason = waiting.GetProperty("lastError").GetString()!;
        Assert.StartsWith("awaiting confirmation 0/2 endpoints (of 2): ", reason, StringComparison.Ordinal);
        Assert.Contains($"{fx.Bridge.Ethereum.RpcUrl.Authority} has no receipt of the transaction", reason, StringComparison.Ordinal);
        Assert.Contains($"{honest.Url.Authority} has no receipt of the transaction", reason, StringComparison.Ordinal);
        Assert.True(lying.Rewritten >= 1);

        // An ALARM per endpoint that answers against the watcher's node, naming its host, never its URL.
        await WaitForAlarmAsync(service, fabricated.TxHash);
        var alarms = service.Alarms.Where(a => a.Contains(fabricated.TxHash, StringComparison.Ordinal)).ToList();
        foreach (var endpoint in new[] { fx.Bridge.Ethereum.RpcUrl, honest.Url })
        {
            Assert.Contains(alarms, a => a.Contains($"confirm endpoint {endpoint.Authority} contradicts the watcher's node", StringComparison.Ordinal));
        }
        Assert.DoesNotContain(alarms, a => a.Contains("http://", StringComparison.Ordinal));

        // Exactly one prepay was ever signed: the real payment's.
        Assert.Single(await PrepaysAsync(db));
        Assert.DoesNotContain(await _h.CompanionPrepaysAsync(), p => p.Beneficiary == target.Beneficiary);
        Assert.Equal(BigInteger.Zero, fx.Companion.OzoneBalance(target.Beneficiary));
    }

    [Theory]
    [InlineData("ethereum")]
    [InlineData("solana")]
    public async Task With_one_confirm_endpoint_down_a_payment_waits_for_a_quorum_of_two_and_is_credited_with_a_quorum_of_one(string chain)
    {
        var (node, settings) = chain == "solana" ? (fx.Solana.RpcUrl, "Solana") : (fx.Bridge.Ethereum.RpcUrl, "Chains:ethereum");
        await using var stratos = await RpcFaultProxy.StartAsync(fx.Bridge.Stratos.RpcUrl);
        var down = await RpcFaultProxy.StartAsync(node);
        var downUrl = down.Url;
        await down.DisposeAsync(); // stopped: nothing answers there
        var (service, url, db) = await _h.StartAsync($"confirm_down_{chain}", stratos, extra: Confirm(settings, 2, node, downUrl));
        await using var _ = db;
        string quoteId;
        await using (service)
        {
            quoteId = await PaidQuoteAsync(chain, url);
            var waiting = await WaitForCreditAsync(url, quoteId, c => c.GetProperty("lastError").GetString()?.Contains(
                "awaiting confirmation 1/2", StringComparison.Ordinal) == true, "to wait for its second confirmation", service);
            Assert.Equal("ready", waiting.GetProperty("status").GetString());
            var reason = waiting.GetProperty("lastError").GetString()!;
            Assert.Contains($"{node.Authority} agrees", reason, StringComparison.Ordinal);
            Assert.Contains($"{downUrl.Authority} could not answer", reason, StringComparison.Ordinal);
            Assert.Empty(await PrepaysAsync(db));
            Assert.DoesNotContain(service.Alarms, a => a.Contains("contradicts", StringComparison.Ordinal)); // down is no lie
        }

        var (again, url2, _) = await _h.StartAsync($"confirm_down_{chain}", stratos, db, extra: Confirm(settings, 1, node, downUrl));
        await using (again)
        {
            await WaitForCreditAsync(url2, quoteId, "completed", again);
            Assert.Single(await PrepaysAsync(db));
        }
    }

    [Fact]
    public async Task A_Solana_confirm_endpoint_reporting_other_lamports_raises_an_alarm_and_the_payment_waits_for_its_quorum()
    {
        await using var stratos = await RpcFaultProxy.StartAsync(fx.Bridge.Stratos.RpcUrl);
        await using var lying = await RpcFaultProxy.StartAsync(fx.Solana.RpcUrl);
        lying.Rewrite = OneLamportLess;
        var (service, url, db) = await _h.StartAsync("confirm_sol_lie", stratos, extra: Confirm("Solana", 2, fx.Solana.RpcUrl, lying.Url));
        await using var _ = db;
        await using var __ = service;
        var quoteId = await PaidQuoteAsync("solana", url);

        var waiting = await WaitForCreditAsync(url, quoteId, c => c.GetProperty("lastError").GetString()?.Contains(
            "awaiting confirmation 1/2", StringComparison.Ordinal) == true, "to wait for its second confirmation", service);
        var reason = waiting.GetProperty("lastError").GetString()!;
        Assert.Contains($"{fx.Solana.RpcUrl.Authority} agrees", reason, StringComparison.Ordinal);
        Assert.Contains($"{lying.Url.Authority} its transfer says lamports received", reason, StringComparison.Ordinal);
        var alarm = await WaitForAlarmAsync(service, "lamports received");
        Assert.Contains($"confirm endpoint {lying.Url.Authority} contradicts the watcher's node", alarm, StringComparison.Ordinal);
        Assert.Empty(await PrepaysAsync(db));
    }

    /// <summary>A node that says every account of a transaction ended with one lamport less than it did.</summary>
    private static string? OneLamportLess(string body, string answer)
    {
        if (JsonNode.Parse(body)?["method"]?.GetValue<string>() != "getTransaction"
            || JsonNode.Parse(answer) is not { } response || response["result"]?["meta"]?["postBalances"] is not JsonArray balances)
        {
            return null;
        }
        for (var i = 0; i < balances.Count; i++)
        {
            balances[i] = balances[i]!.GetValue<ulong>() - 1;
        }
        return response.ToJsonString();
    }

    /// <summary>A quote for a fresh beneficiary paid in full on <paramref name="chain"/> (ethereum, made final; or solana). Returns its id.</summary>
    private async Task<string> PaidQuoteAsync(string chain, Uri url)
    {
        if (chain != "solana")
        {
            return (await _h.PaidQuoteAsync(url)).QuoteId;
        }
        var quote = await PaymentsFixture.CreateQuoteAsync(url, EthKey.Generate().Address, "SOL", "0.75");
        var reference = quote.GetProperty("payment").GetProperty("solana").GetProperty("reference").GetString()!;
        var due = (ulong)PaymentsFixture.Big(quote.GetProperty("amountDue").GetProperty("baseUnits"));
        var payer = (await fx.Solana.CreateFundedKeypairsAsync(1, 10_000_000_000))[0];
        var sent = Assert.Single(await fx.Solana.SendTransfersAsync(
            [new SolanaTestTransfer(payer, fx.SolanaRecipient, due) { References = [reference] }]));
        Assert.True(sent.Accepted, sent.ErrorMessage);
        return quote.GetProperty("id").GetString()!;
    }

    /// <summary>The confirm endpoints and quorum under <paramref name="section"/> (<c>Chains:ethereum</c>, <c>Solana</c>).</summary>
    private static Dictionary<string, string?> Confirm(string section, int quorum, params Uri[] endpoints)
    {
        var settings = new Dictionary<string, string?> { [$"{section}:ConfirmQuorum"] = quorum.ToString(CultureInfo.InvariantCulture) };
        foreach (var (endpoint, i) in endpoints.Select((e, i) => (e, i)))
        {
            settings[$"{section}:ConfirmRpcUrls:{i}"] = endpoint.ToString();
        }
        return settings;
    }

    /// <summary>
    /// A lying node's invention: for every <c>eth_getLogs</c> answer holding the OzonePaid of <paramref name="copiedQuote"/>,
    /// a clone of that log in a transaction <see cref="TxHash"/> that does not exist, paying <paramref name="amount"/> for
    /// <paramref name="quoteId"/> to <paramref name="beneficiary"/>; and a receipt of that transaction with the log.
    /// </summary>
    private sealed class FabricatedPayment(string copiedQuote, string quoteId, EthAddress beneficiary, BigInteger amount)
    {
        private JsonNode? _log;

        public string TxHash { get; } = "0x" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

        public string? Rewrite(string body, string answer)
        {
            var request = JsonNode.Parse(body);
            var method = request?["method"]?.GetValue<string>();
            if (method == "eth_getLogs" && JsonNode.Parse(answer)?["result"] is JsonArray logs
                && logs.FirstOrDefault(l => string.Equals(l?["topics"]?[1]?.GetValue<string>(), copiedQuote, StringComparison.OrdinalIgnoreCase)) is { } real)
            {
                var clone = real.DeepClone();
                clone["transactionHash"] = TxHash;
                clone["topics"]![1] = quoteId.ToLowerInvariant();
                clone["topics"]![3] = "0x" + new string('0', 24) + beneficiary.ToLowerHex()[2..];
                clone["data"] = "0x" + amount.ToString("x64", CultureInfo.InvariantCulture)[^64..];
                _log = clone.DeepClone();
                logs.Add(clone);
                return logs.Root.ToJsonString();
            }
            if (method == "eth_getTransactionReceipt" && request?["params"]?[0]?.GetValue<string>() == TxHash && _log is { } log)
            {
                var receipt = new JsonObject
                {
                    ["transactionHash"] = TxHash,
                    ["transactionIndex"] = log["transactionIndex"]!.DeepClone(),
                    ["blockHash"] = log["blockHash"]!.DeepClone(),
                    ["blockNumber"] = log["blockNumber"]!.DeepClone(),
                    ["from"] = "0x" + log["topics"]![2]!.GetValue<string>()[26..], // the payer
                    ["to"] = log["address"]!.DeepClone(),
                    ["cumulativeGasUsed"] = "0xc350",
                    ["gasUsed"] = "0xc350",
                    ["effectiveGasPrice"] = "0x3b9aca00",
                    ["contractAddress"] = null,
                    ["logs"] = new JsonArray(log.DeepClone()),
                    ["logsBloom"] = "0x" + new string('0', 512),
                    ["status"] = "0x1",
                    ["type"] = "0x2",
                };
                using var doc = JsonDocument.Parse(body);
                return new JsonObject { ["jsonrpc"] = "2.0", ["id"] = JsonNode.Parse(doc.RootElement.GetProperty("id").GetRawText()), ["result"] = receipt }
                    .ToJsonString();
            }
            return null;
        }
    }
}
