using System.Collections.Concurrent;
using System.Text.Json;
using StratosBridge.Chains.Solana;
using StratosBridge.Chains.Solana.Pay;
using StratosBridge.Chains.Solana.Rpc;
using StratosBridge.TestKit;
using StratosBridge.Tests.Unit.Evm.Rpc;

namespace StratosBridge.Tests.Unit.Solana;

/// <summary>
/// The client reads the response bodies of Solana's own documentation (TestData/README.md names each source), served
/// verbatim by a loopback HTTP stub; the requests it sends are checked too.
/// </summary>
[Collection(JsonRpcStubServer.Collection)]
public sealed class SolanaDocumentedResponsesTests
{
    [Fact]
    public async Task A_json_encoded_vote_transaction_reads_with_keys_roles_instruction_accounts_and_balances()
    {
        var (transaction, request) = await ServeAsync("getTransaction-json-vote.json",
            c => c.GetTransactionAsync(SolanaSignature.Parse(VoteSignature), SolanaCommitment.Finalized, SolanaTransactionEncoding.Json));

        Assert.Equal("""["2nBhEBYYvfaAe16UMNqRHre4YNSskvuYgx3M6E4JP1oDYvZEJHvoPzyUidNgNX5r9sTyN1J9UxtbCXy2rqYcuyuv",{"commitment":"finalized","encoding":"json","maxSupportedTransactionVersion":0}]""",
            request.GetProperty("params").GetRawText());
        Assert.NotNull(transaction);
        Assert.Equal(430UL, transaction.Slot);
        Assert.Null(transaction.BlockTime); // the docs' example has blockTime outside result
        Assert.Null(transaction.Version);
        Assert.Equal(VoteSignature, transaction.Signature.ToString());
        Assert.Equal("mfcyqEXB3DnHXki6KjjmZck6YjmZLvpAByy2fj4nh6B", transaction.Message.RecentBlockhash);
        // header: 1 signer, 0 read-only signers, 3 read-only non-signers.
        Assert.Equal(
            [("3UVYmECPPMZSCqWKfENfuoTv51fTDTWicX9xmBD2euKe", true, true), ("AjozzgE83A3x1sHNUR64hfH7zaEBWeMaFuAN9kQgujrc", false, true),
             ("SysvarS1otHashes111111111111111111111111111", false, false), ("SysvarC1ock11111111111111111111111111111111", false, false),
             ("Vote111111111111111111111111111111111111111", false, false)],
            transaction.Message.AccountKeys.Select(k => (k.PublicKey.ToString(), k.Signer, k.Writable)));
        var vote = Assert.Single(transaction.Message.Instructions);
        Assert.Equal("Vote111111111111111111111111111111111111111", vote.ProgramId.ToString());
        Assert.Equal(["AjozzgE83A3x1sHNUR64hfH7zaEBWeMaFuAN9kQgujrc", "SysvarS1otHashes111111111111111111111111111",
            "SysvarC1ock11111111111111111111111111111111", "3UVYmECPPMZSCqWKfENfuoTv51fTDTWicX9xmBD2euKe"],
            vote.Accounts.Select(a => a.ToString()));
        Assert.False(vote.IsParsed);
        Assert.Equal(2u, BitConverter.ToUInt32(vote.Data!, 0)); // VoteInstruction::Vote
        var meta = Assert.IsType<SolanaTransactionMeta>(transaction.Meta);
        Assert.True(meta.Succeeded);
        Assert.Equal(5000UL, meta.Fee);
        Assert.Equal([499998937500UL, 26858640, 1, 1, 1], meta.PreBalances);
        Assert.Equal([499998932500UL, 26858640, 1, 1, 1], meta.PostBalances);
        Assert.Null(meta.LogMessages);
        Assert.Empty(meta.InnerInstructions);
        Assert.False(SolanaSystemTransfer.TryRead(vote, out _));

        var validation = SolanaTransferValidator.Validate(transaction.Signature, transaction,
            new SolanaTransferExpectation(transaction.Message.AccountKeys[1].PublicKey, 1));
        Assert.Equal("not-a-transfer", validation.Code);
    }

    [Fact]
    public async Task A_json_parsed_v0_transfer_reads_its_lookup_table_key_and_parsed_transfer()
    {
        var (transaction, request) = await ServeAsync("getTransaction-jsonParsed-v0-transfer.json",
            c => c.GetTransactionAsync(SolanaSignature.Parse(TransferSignature), SolanaCommitment.Confirmed));

        Assert.Equal("jsonParsed", request.GetProperty("params")[1].GetProperty("encoding").GetString());
        Assert.Equal("confirmed", request.GetProperty("params")[1].GetProperty("commitment").GetString());
        Assert.NotNull(transaction);
        Assert.Equal(166974442UL, transaction.Slot);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1665070281), transaction.Time);
        Assert.Equal("0", transaction.Version);
        var recipient = transaction.Message.AccountKeys[2];
        Assert.Equal(("G1wZ113tiUHdSpQEBcid8n1x8BAvcWZoZgxPKxgE5B7o", false, true, SolanaAccountKeySource.LookupTable),
            (recipient.PublicKey.ToString(), recipient.Signer, recipient.Writable, recipient.Source));
        Assert.Equal(2, transaction.Message.StaticAccountKeys.Count());
        var instruction = Assert.Single(transaction.Message.Instructions);
        Assert.True(instruction.IsParsed);
        Assert.Equal("system", instruction.Program);
        Assert.True(SolanaSystemTransfer.TryRead(instruction, out var transfer));
        Assert.Equal(new SolanaSystemTransfer(SolanaPublicKey.Parse("9aE476sH92Vz7DMPyq5WLPkrKWivxeuTKEFKd2sZZcde"),
            recipient.PublicKey, 10_000_000, null), transfer);
        var meta = transaction.Meta!;
        Assert.Equal(10_000_000UL, meta.PostBalances[2] - meta.PreBalances[2]); // "= 0.01 SOL", as the docs say
        Assert.Equal(["Program 11111111111111111111111111111111 invoke [1]", "Program 11111111111111111111111111111111 success"],
            meta.LogMessages);

        // A parsed transfer hides its extra accounts, so Solana Pay validation refuses to judge it.
        Assert.Throws<ArgumentException>(() => SolanaTransferValidator.Validate(transaction.Signature, transaction,
            new SolanaTransferExpectation(recipient.PublicKey, 10_000_000)));
    }

    [Fact]
    public async Task Signature_lists_read_newest_first_with_their_fields()
    {
        var (three, request) = await ServeAsync("getSignaturesForAddress-three.json", c =>
            c.GetSignaturesForAddressAsync(SolanaPublicKey.Parse("3M2b3tLji7rvscqrLAHMukYxDK2nB96Q9hwfV6QkdzBN"), limit: 3));
        var (one, _) = await ServeAsync("getSignaturesForAddress-one.json", c =>
            c.GetSignaturesForAddressAsync(SolanaPublicKey.Parse("Vote111111111111111111111111111111111111111"), limit: 1));

        Assert.Equal("""["3M2b3tLji7rvscqrLAHMukYxDK2nB96Q9hwfV6QkdzBN",{"commitment":"finalized","limit":3}]""",
            request.GetProperty("params").GetRawText());
        Assert.Equal([148697216UL, 148696843, 148696677], three.Select(s => s.Slot));
        Assert.Equal("3EDRvnD5TbbMS2mCusop6oyHLD8CgnjncaYQd5RXpgnjYUXRCYwiNPmXb6ZG5KdTK4zAaygEhfdLoP7TDzwKBVQp", three[0].Signature.ToString());
        Assert.Equal(1662064640L, three[0].BlockTime);
        Assert.All(three, s => Assert.Equal((true, null, SolanaCommitment.Finalized), (s.Succeeded, s.Memo, s.ConfirmationStatus)));
        var single = Assert.Single(one);
        Assert.Equal((114UL, (long?)null), (single.Slot, single.BlockTime));
    }

    [Fact]
    public async Task Balance_and_slot_read_as_exact_integers()
    {
        var (balance, balanceRequest) = await ServeAsync("getBalance.json", c =>
            c.GetBalanceAsync(SolanaPublicKey.Parse("83astBRguLMdt2h5U1Tpdq5tjFoJ6noeGwaY3mDLVcri"), SolanaCommitment.Confirmed));
        var (slot, slotRequest) = await ServeAsync("getSlot.json", c => c.GetSlotAsync(SolanaCommitment.Processed));

        Assert.Equal(new SolanaBalance(1, 0), balance);
        Assert.Equal("""["83astBRguLMdt2h5U1Tpdq5tjFoJ6noeGwaY3mDLVcri",{"commitment":"confirmed"}]""",
            balanceRequest.GetProperty("params").GetRawText());
        Assert.Equal(1234UL, slot);
        Assert.Equal("""[{"commitment":"processed"}]""", slotRequest.GetProperty("params").GetRawText());
    }

    private const string VoteSignature = "2nBhEBYYvfaAe16UMNqRHre4YNSskvuYgx3M6E4JP1oDYvZEJHvoPzyUidNgNX5r9sTyN1J9UxtbCXy2rqYcuyuv";

    private const string TransferSignature = "2CxNRsyRT7y88GBwvAB3hRg8wijMSZh3VNYXAdUesGSyvbRJbRR2q9G1KSEpQENmXHmmMLHiXumw4dp8CvzQMjrM";

    /// <summary>Serves one documented body to whatever the client asks; returns what it read and the request it sent.</summary>
    private static async Task<(T Result, JsonElement Request)> ServeAsync<T>(string file, Func<SolanaRpcClient, Task<T>> call)
    {
        var body = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "tests", "StratosBridge.Tests.Unit", "Solana", "TestData", file));
        var requests = new ConcurrentQueue<JsonElement>();
        await using var node = JsonRpcStubServer.Start(c =>
        {
            requests.Enqueue(c.Body);
            return new StubReply(200, body);
        });
        using var http = new HttpClient { BaseAddress = node.Url, Timeout = TimeSpan.FromSeconds(10) };
        var result = await call(new SolanaRpcClient(http));
        var request = Assert.Single(requests);
        Assert.Equal("2.0", request.GetProperty("jsonrpc").GetString());
        return (result, request);
    }
}
