using StratosBridge.Chains.Solana;
using StratosBridge.Chains.Solana.Rpc;
using StratosBridge.TestKit;
using StratosBridge.TestKit.Solana;

namespace StratosBridge.Tests.Integration.Solana;

/// <summary>The typed client against the real devnet, with transactions sent by @solana/kit.</summary>
[Collection(SolanaDevnetFixture.Collection)]
public sealed class SolanaRpcClientTests(SolanaDevnetFixture fixture)
{
    private const ulong Sol = 1_000_000_000;

    private SolanaRpcClient Client => fixture.Client;

    [Fact]
    public async Task Slots_and_balances_follow_the_commitment_levels()
    {
        var address = SolanaPublicKey.Parse((await SolanaDevnetNode.CreateAddressesAsync(1))[0]);
        await fixture.Node.AirdropAsync(address.ToString(), 2 * Sol);

        var processed = await Client.GetBalanceAsync(address, SolanaCommitment.Processed);
        Assert.Equal(2 * Sol, processed.Lamports);
        var finalized = await Eventually.HoldsAsync(() => Client.GetBalanceAsync(address), b => b.Lamports == 2 * Sol,
            fixture.Node.FinalityTimeout, "the airdrop at finalized");
        Assert.True(finalized.ContextSlot <= await Client.GetSlotAsync(SolanaCommitment.Finalized));
        var (f, c, p) = (await Client.GetSlotAsync(), await Client.GetSlotAsync(SolanaCommitment.Confirmed),
            await Client.GetSlotAsync(SolanaCommitment.Processed));
        Assert.True(f <= c && c <= p, $"finalized {f}, confirmed {c}, processed {p}");
    }

    [Fact]
    public async Task A_transfer_reads_the_same_in_json_and_json_parsed_except_the_parse()
    {
        var keys = await SolanaDevnetNode.CreateKeypairsAsync(4);
        await fixture.Node.AirdropAsync(keys[0].Address, 2 * Sol);
        var sent = Assert.Single(await fixture.Node.SendTransfersAsync(
        [
            new SolanaTestTransfer(keys[0], keys[1].Address, Sol / 2) { References = [keys[2].Address, keys[3].Address], Memo = "q-1" },
        ]));
        var signature = SolanaSignature.Parse(sent.Signature);
        await fixture.Node.WaitForTransactionAsync(sent.Signature);

        var json = await Client.GetTransactionAsync(signature, encoding: SolanaTransactionEncoding.Json);
        var parsed = await Client.GetTransactionAsync(signature);

        Assert.NotNull(json);
        Assert.NotNull(parsed);
        Assert.Equal(json.Message.AccountKeys, parsed.Message.AccountKeys);
        Assert.Equal((json.Slot, json.BlockTime, "legacy", signature), (parsed.Slot, parsed.BlockTime, parsed.Version, parsed.Signature));
        Assert.Equal(json.Meta!.PreBalances, parsed.Meta!.PreBalances);
        Assert.Equal(json.Meta.PostBalances, parsed.Meta.PostBalances);
        Assert.Equal((5000UL, true), (json.Meta.Fee, json.Meta.Succeeded));
        Assert.Equal(json.Message.Instructions.Select(i => i.ProgramId), parsed.Message.Instructions.Select(i => i.ProgramId));
        Assert.Equal([SolanaPublicKey.MemoProgram, SolanaPublicKey.SystemProgram], json.Message.Instructions.Select(i => i.ProgramId));

        var references = new[] { keys[2].Address, keys[3].Address }.Select(SolanaPublicKey.Parse).ToArray();
        Assert.True(SolanaSystemTransfer.TryRead(json.Message.Instructions[1], out var raw));
        Assert.Equal((SolanaPublicKey.Parse(keys[0].Address), SolanaPublicKey.Parse(keys[1].Address), Sol / 2),
            (raw.Source, raw.Destination, raw.Lamports));
        Assert.Equal(references, raw.ExtraAccounts!);
        Assert.True(SolanaSystemTransfer.TryRead(parsed.Message.Instructions[1], out var fromParse));
        Assert.Equal(raw with { ExtraAccounts = null }, fromParse);
        Assert.Equal("q-1", parsed.Message.Instructions[0].Parsed!.Value.GetString());
        Assert.Equal("q-1"u8.ToArray(), json.Message.Instructions[0].Data);
        Assert.All(references, r => Assert.Contains(parsed.Message.AccountKeys, k => k.PublicKey == r && !k.Signer && !k.Writable));
    }

    [Fact]
    public async Task Signature_pages_cover_every_transaction_newest_first()
    {
        var keys = await SolanaDevnetNode.CreateKeypairsAsync(3);
        await fixture.Node.AirdropAsync(keys[0].Address, 2 * Sol);
        var sent = await fixture.Node.SendTransfersAsync(Enumerable.Range(1, 5)
            .Select(i => new SolanaTestTransfer(keys[0], keys[1].Address, Sol / 100 + (ulong)i) { References = [keys[2].Address] })
            .ToArray());
        await fixture.Node.WaitForTransactionAsync(sent[^1].Signature);
        var reference = SolanaPublicKey.Parse(keys[2].Address);

        var all = new List<SolanaSignatureInfo>();
        await foreach (var info in Client.GetAllSignaturesForAddressAsync(reference, pageSize: 2))
        {
            all.Add(info);
        }
        var newer = new List<SolanaSignatureInfo>();
        await foreach (var info in Client.GetAllSignaturesForAddressAsync(reference, SolanaCommitment.Confirmed,
                           until: SolanaSignature.Parse(sent[1].Signature), pageSize: 2))
        {
            newer.Add(info);
        }

        Assert.Equal(sent.Select(s => s.Signature).Reverse(), all.Select(i => i.Signature.ToString()));
        Assert.All(all, i => Assert.Equal((true, SolanaCommitment.Finalized), (i.Succeeded, i.ConfirmationStatus)));
        Assert.Equal(sent.Skip(2).Select(s => s.Signature).Reverse(), newer.Select(i => i.Signature.ToString()));
    }

    [Fact]
    public async Task Unknown_transactions_are_null_and_node_errors_are_typed()
    {
        Assert.Null(await Client.GetTransactionAsync(new SolanaSignature(new byte[64])));

        var notServed = await Assert.ThrowsAsync<SolanaRpcException>(() => Client.CallAsync("getBlock", [1]));
        Assert.Equal((SolanaRpcErrorKind.MethodNotFound, -32601L, false), (notServed.Kind, notServed.Code, notServed.IsTransient));

        var ahead = await Assert.ThrowsAsync<SolanaRpcTransientException>(() =>
            Client.CallAsync("getSlot", [new System.Text.Json.Nodes.JsonObject { ["minContextSlot"] = 1L << 40 }]));
        Assert.Equal(SolanaRpcErrorKind.MinContextSlotNotReached, ahead.Kind);
    }
}
