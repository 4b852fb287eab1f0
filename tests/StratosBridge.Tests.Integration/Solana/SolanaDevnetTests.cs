using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using StratosBridge.Chains.Solana;
using StratosBridge.TestKit;
using StratosBridge.TestKit.Solana;

namespace StratosBridge.Tests.Integration.Solana;

/// <summary>
/// The Solana devnet (ops/solana-devnet) answers like a Solana node: commitment levels by slot depth, transaction
/// history by account, the json/jsonParsed/base64/base58 encodings, preflight and skipPreflight, Solana's error codes.
/// Transactions come from @solana/kit.
/// </summary>
[Collection(SolanaDevnetFixture.Collection)]
public sealed class SolanaDevnetTests(SolanaDevnetFixture fixture)
{
    private const ulong Sol = 1_000_000_000;

    private SolanaDevnetNode Node => fixture.Node;

    [Fact]
    public async Task Commitment_levels_trail_the_processed_slot_by_their_depths()
    {
        var first = await Node.SlotAsync("processed");

        // Three requests may straddle a slot; a batch is answered at one moment.
        await Eventually.HoldsAsync(async () =>
        {
            var slots = await BatchSlotsAsync();
            return slots.Processed - slots.Confirmed == 1 && slots.Processed - slots.Finalized == (ulong)Node.FinalityDepth;
        }, TimeSpan.FromSeconds(120), "confirmed = processed - 1 and finalized = processed - 4");
        await Eventually.HoldsAsync(async () => await Node.SlotAsync("processed") >= first + 3, TimeSpan.FromSeconds(120),
            "slots to advance on their own");
    }

    [Fact]
    public async Task A_transfer_reads_in_every_encoding_with_fee_balances_logs_and_memo()
    {
        var (payer, recipient, reference) = await PartiesAsync();
        var sent = Assert.Single(await Node.SendTransfersAsync(
            [new SolanaTestTransfer(payer, recipient, Sol / 4) { References = [reference], Memo = "order-1" }]));
        Assert.True(sent.Accepted, sent.ErrorMessage);
        await Node.WaitForTransactionAsync(sent.Signature);

        var json = await TransactionAsync(sent.Signature, "json");
        var parsed = await TransactionAsync(sent.Signature, "jsonParsed");
        var base64 = await TransactionAsync(sent.Signature, "base64");
        var base58 = await TransactionAsync(sent.Signature, "base58");

        // json: plain keys (payer, recipient, reference, system program, memo program), header, index-based instructions.
        var message = json.GetProperty("transaction").GetProperty("message");
        var keys = message.GetProperty("accountKeys").EnumerateArray().Select(k => k.GetString()).ToArray();
        Assert.Equal(payer.Address, keys[0]);
        Assert.Contains(recipient, keys);
        Assert.Contains(reference, keys);
        Assert.Equal(1, message.GetProperty("header").GetProperty("numRequiredSignatures").GetInt32());
        var transfer = message.GetProperty("instructions")[1];
        Assert.Equal("11111111111111111111111111111111", keys[transfer.GetProperty("programIdIndex").GetInt32()]);
        Assert.Equal([payer.Address, recipient, reference],
            transfer.GetProperty("accounts").EnumerateArray().Select(i => keys[i.GetInt32()]));
        Assert.Equal(sent.Signature, json.GetProperty("transaction").GetProperty("signatures")[0].GetString());
        Assert.Equal("legacy", json.GetProperty("version").GetString());

        // meta: the fee (one signature), balances indexed like the keys, logs, status.
        var meta = json.GetProperty("meta");
        Assert.Equal(JsonValueKind.Null, meta.GetProperty("err").ValueKind);
        Assert.Equal("{\"Ok\":null}", meta.GetProperty("status").GetRawText());
        Assert.Equal(5000UL, meta.GetProperty("fee").GetUInt64());
        var pre = meta.GetProperty("preBalances").EnumerateArray().Select(b => b.GetUInt64()).ToArray();
        var post = meta.GetProperty("postBalances").EnumerateArray().Select(b => b.GetUInt64()).ToArray();
        Assert.Equal(Sol / 4, post[Array.IndexOf(keys, recipient)] - pre[Array.IndexOf(keys, recipient)]);
        Assert.Equal(Sol / 4 + 5000, pre[0] - post[0]);
        Assert.Contains("Program 11111111111111111111111111111111 success", meta.GetProperty("logMessages").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal("{\"writable\":[],\"readonly\":[]}", meta.GetProperty("loadedAddresses").GetRawText());

        // jsonParsed: keys with roles, the transfer parsed (without the reference), the memo as text.
        var parsedMessage = parsed.GetProperty("transaction").GetProperty("message");
        var payerKey = parsedMessage.GetProperty("accountKeys")[0];
        Assert.Equal((payer.Address, true, true, "transaction"), (payerKey.GetProperty("pubkey").GetString(),
            payerKey.GetProperty("signer").GetBoolean(), payerKey.GetProperty("writable").GetBoolean(), payerKey.GetProperty("source").GetString()));
        var memo = parsedMessage.GetProperty("instructions")[0];
        Assert.Equal(("spl-memo", "order-1"), (memo.GetProperty("program").GetString(), memo.GetProperty("parsed").GetString()));
        var parsedTransfer = parsedMessage.GetProperty("instructions")[1];
        Assert.Equal("system", parsedTransfer.GetProperty("program").GetString());
        Assert.Equal($$$"""{"type":"transfer","info":{"source":"{{{payer.Address}}}","destination":"{{{recipient}}}","lamports":250000000}}""",
            parsedTransfer.GetProperty("parsed").GetRawText());
        Assert.False(parsed.GetProperty("meta").TryGetProperty("loadedAddresses", out _));

        // base64 / base58: the wire transaction, whose first signature is the transaction's id.
        var wire = Convert.FromBase64String(base64.GetProperty("transaction")[0].GetString()!);
        Assert.Equal("base64", base64.GetProperty("transaction")[1].GetString());
        Assert.Equal("base58", base58.GetProperty("transaction")[1].GetString());
        Assert.Equal(1, wire[0]); // one signature
        Assert.Equal(sent.Signature, new SolanaSignature(wire.AsSpan(1, 64)).ToString());

        // The signature list of the reference shows the memo the way a node summarises it.
        var listed = Assert.Single((await Node.RpcAsync("getSignaturesForAddress", reference)).EnumerateArray());
        Assert.Equal(("[7] order-1", sent.Signature), (listed.GetProperty("memo").GetString(), listed.GetProperty("signature").GetString()));
    }

    [Fact]
    public async Task A_transfer_the_payer_cannot_cover_is_refused_by_preflight_and_lands_failed_without_it()
    {
        var (_, recipient, reference) = await PartiesAsync();
        var poor = Assert.Single(await Node.CreateFundedKeypairsAsync(1, Sol / 100));
        var transfer = new SolanaTestTransfer(poor, recipient, 5 * Sol) { References = [reference] };

        var refused = Assert.Single(await Node.SendTransfersAsync([transfer]));
        Assert.Equal(-32002, refused.ErrorCode);
        Assert.Equal("Transaction simulation failed: Error processing Instruction 0: custom program error: 0x1", refused.ErrorMessage);

        var landed = Assert.Single(await Node.SendTransfersAsync([transfer with { SkipPreflight = true }]));
        Assert.True(landed.Accepted, landed.ErrorMessage);
        await Node.WaitForTransactionAsync(landed.Signature);
        var meta = (await TransactionAsync(landed.Signature, "json")).GetProperty("meta");
        Assert.Equal("""{"InstructionError":[0,{"Custom":1}]}""", meta.GetProperty("err").GetRawText());
        Assert.Equal("""{"Err":{"InstructionError":[0,{"Custom":1}]}}""", meta.GetProperty("status").GetRawText());
        Assert.Equal(5000UL, meta.GetProperty("fee").GetUInt64());
        Assert.Contains(meta.GetProperty("logMessages").EnumerateArray(), l => l.GetString()!.Contains("insufficient lamports"));
        // The fee is paid, nothing else moves.
        Assert.Equal(Sol / 100 - 5000, (await Node.RpcAsync("getBalance", poor.Address)).GetProperty("value").GetUInt64());
        Assert.Equal(0UL, (await Node.RpcAsync("getBalance", recipient, new { commitment = "processed" })).GetProperty("value").GetUInt64());
        var listed = Assert.Single((await Node.RpcAsync("getSignaturesForAddress", reference)).EnumerateArray());
        Assert.Equal("""{"InstructionError":[0,{"Custom":1}]}""", listed.GetProperty("err").GetRawText());
    }

    [Fact]
    public async Task The_same_transaction_twice_is_refused_as_already_processed()
    {
        var (payer, recipient, reference) = await PartiesAsync();
        var transfer = new SolanaTestTransfer(payer, recipient, Sol / 10) { References = [reference] };

        var results = await Node.SendTransfersAsync([transfer, transfer, transfer with { SkipPreflight = true }]);

        Assert.True(results[0].Accepted);
        Assert.Equal((-32002L, "Transaction simulation failed: This transaction has already been processed"),
            (results[1].ErrorCode!.Value, results[1].ErrorMessage));
        Assert.Equal(results[0].Signature, results[2].Signature); // dropped, as a validator drops a duplicate
        await Node.WaitForTransactionAsync(results[0].Signature);
        Assert.Single((await Node.RpcAsync("getSignaturesForAddress", reference)).EnumerateArray());
    }

    [Fact]
    public async Task Signatures_for_an_address_page_newest_first_with_limit_before_and_until()
    {
        var (payer, recipient, reference) = await PartiesAsync();
        var sent = await Node.SendTransfersAsync(Enumerable.Range(1, 5)
            .Select(i => new SolanaTestTransfer(payer, recipient, Sol / 100 + (ulong)i) { References = [reference] }).ToArray());
        Assert.All(sent, s => Assert.True(s.Accepted, s.ErrorMessage));
        await Node.WaitForTransactionAsync(sent[^1].Signature);

        async Task<string[]> ListAsync(object config) =>
            (await Node.RpcAsync("getSignaturesForAddress", reference, config)).EnumerateArray()
                .Select(e => e.GetProperty("signature").GetString()!).ToArray();

        var newestFirst = sent.Select(s => s.Signature).Reverse().ToArray();
        Assert.Equal(newestFirst, await ListAsync(new { }));
        Assert.Equal(newestFirst[..2], await ListAsync(new { limit = 2 }));
        Assert.Equal(newestFirst[2..], await ListAsync(new { before = newestFirst[1] }));
        Assert.Equal(newestFirst[..3], await ListAsync(new { until = newestFirst[3] }));
        Assert.Equal(newestFirst[2..3], await ListAsync(new { before = newestFirst[1], until = newestFirst[3] }));
        Assert.Empty(await ListAsync(new { before = UnknownSignature }));
        Assert.Equal(newestFirst, await ListAsync(new { until = UnknownSignature, commitment = "confirmed" }));
        var entry = (await Node.RpcAsync("getSignaturesForAddress", reference, new { limit = 1 }))[0];
        Assert.Equal(["signature", "slot", "err", "memo", "blockTime", "confirmationStatus"], entry.EnumerateObject().Select(p => p.Name));
        Assert.Equal("finalized", entry.GetProperty("confirmationStatus").GetString());

        Assert.Equal((-32602L, "Invalid limit; max 1000"), await ErrorAsync("getSignaturesForAddress", reference, new { limit = 1001 }));
        Assert.Equal((-32602L, "Method does not support commitment below `confirmed`"),
            await ErrorAsync("getSignaturesForAddress", reference, new { commitment = "processed" }));
    }

    [Fact]
    public async Task A_versioned_transaction_sent_in_base58_needs_maxSupportedTransactionVersion_to_be_read()
    {
        var (payer, recipient, reference) = await PartiesAsync();
        var sent = Assert.Single(await Node.SendTransfersAsync(
            [new SolanaTestTransfer(payer, recipient, Sol / 10) { References = [reference], Versioned = true, Encoding = "base58" }]));
        Assert.True(sent.Accepted, sent.ErrorMessage);
        await Node.WaitForTransactionAsync(sent.Signature);

        var (code, message) = await ErrorAsync("getTransaction", sent.Signature, new { encoding = "json" });
        Assert.Equal(-32015, code);
        Assert.StartsWith("Transaction version (0) is not supported by the requesting client.", message);
        var read = await TransactionAsync(sent.Signature, "jsonParsed");
        Assert.Equal(0, read.GetProperty("version").GetInt32());
        Assert.Equal("[]", read.GetProperty("transaction").GetProperty("message").GetProperty("addressTableLookups").GetRawText());
    }

    [Fact]
    public async Task Bad_requests_get_json_rpc_errors_with_solana_codes()
    {
        Assert.Equal((-32601L, "Method not found"), await ErrorAsync("getBlock", 1));
        Assert.Equal((-32602L, "Invalid param: WrongSize"), await ErrorAsync("getBalance", "abc"));
        Assert.Equal((-32602L, "Invalid param: Invalid"), await ErrorAsync("getBalance", "0OIl0OIl0OIl0OIl0OIl0OIl0OIl0OIl"));
        Assert.Equal(-32602, (await ErrorAsync("getSlot", new { commitment = "max" })).Code);
        Assert.Equal((-32602L, "Method does not support commitment below `confirmed`"),
            await ErrorAsync("getTransaction", UnknownSignature, new { commitment = "processed" }));
        Assert.Equal(-32016, (await ErrorAsync("getSlot", new { minContextSlot = 1UL << 40 })).Code);
        Assert.Equal(-32602, (await ErrorAsync("sendTransaction", "AQID", new { encoding = "base64" })).Code);
        Assert.Equal(JsonValueKind.Null, (await Node.RpcAsync("getTransaction", UnknownSignature, "json")).ValueKind);
        Assert.Equal("ok", (await Node.RpcAsync("getHealth")).GetString());
        Assert.StartsWith("litesvm-", (await Node.RpcAsync("getVersion")).GetProperty("solana-core").GetString());

        using var http = new HttpClient();
        var notJson = await http.PostAsync(Node.RpcUrl, new StringContent("{oops", Encoding.UTF8, "application/json"));
        using var parseError = JsonDocument.Parse(await notJson.Content.ReadAsStringAsync());
        Assert.Equal(-32700, parseError.RootElement.GetProperty("error").GetProperty("code").GetInt32());
        var batch = await http.PostAsJsonAsync(Node.RpcUrl, new object[]
        {
            new { jsonrpc = "2.0", id = 7, method = "getHealth" }, new { jsonrpc = "2.0", id = 8, method = "nope" },
        });
        using var answers = JsonDocument.Parse(await batch.Content.ReadAsStringAsync());
        Assert.Equal([7, 8], answers.RootElement.EnumerateArray().Select(a => a.GetProperty("id").GetInt32()));
        Assert.Equal("ok", await http.GetStringAsync(new Uri(Node.RpcUrl, "/health")));
    }

    private const string UnknownSignature = "5h6xBEauJ3PK6SWCZ1PGjBvj8vDdWG3KpwATGy1ARAXFSDwt8GFXM7W5Ncn16wmqokgpiKRLuS83KUxyZyv2sUYv";

    /// <summary>A funded payer (2 SOL), a fresh recipient and a fresh reference.</summary>
    private async Task<(SolanaTestKeypair Payer, string Recipient, string Reference)> PartiesAsync()
    {
        var keys = await SolanaDevnetNode.CreateKeypairsAsync(3);
        await Node.AirdropAsync(keys[0].Address, 2 * Sol);
        return (keys[0], keys[1].Address, keys[2].Address);
    }

    private async Task<JsonElement> TransactionAsync(string signature, string encoding) =>
        await Node.RpcAsync("getTransaction", signature, new { encoding, commitment = "finalized", maxSupportedTransactionVersion = 0 });

    private async Task<(long Code, string Message)> ErrorAsync(string method, params object[] parameters)
    {
        var response = await Node.RpcResponseAsync(method, parameters);
        var error = response.GetProperty("error");
        return (error.GetProperty("code").GetInt64(), error.GetProperty("message").GetString()!);
    }

    private async Task<(ulong Processed, ulong Confirmed, ulong Finalized)> BatchSlotsAsync()
    {
        using var http = new HttpClient();
        var response = await http.PostAsJsonAsync(Node.RpcUrl, new[] { "processed", "confirmed", "finalized" }
            .Select((commitment, id) => new { jsonrpc = "2.0", id, method = "getSlot", @params = new object[] { new { commitment } } }));
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var slots = doc.RootElement.EnumerateArray().OrderBy(a => a.GetProperty("id").GetInt32())
            .Select(a => a.GetProperty("result").GetUInt64()).ToArray();
        return (slots[0], slots[1], slots[2]);
    }
}
