using StratosBridge.Chains.Evm.Rpc;

namespace StratosBridge.Tests.Integration.Evm.Rpc;

/// <summary>Pending transactions and the pool's refusals, against anvil with mining on demand.</summary>
public sealed class EvmRpcClientMempoolTests(ManualMiningAnvilFixture chain) : IClassFixture<ManualMiningAnvilFixture>
{
    private EvmRpcClient Client => chain.Client;

    [Fact]
    public async Task Receipt_is_null_while_pending_and_present_once_mined()
    {
        var from = AnvilRpcFixture.DevAddresses[1];
        var nonce = await Client.GetTransactionCountAsync(from, EvmBlocks.Latest);
        var raw = await chain.SignTransferAsync(1, AnvilRpcFixture.DevAddresses[5], 7, nonce);

        var hash = await Client.SendRawTransactionAsync(raw);

        Assert.Null(await Client.GetTransactionReceiptAsync(hash));
        var pending = await Client.GetTransactionByHashAsync(hash);
        Assert.NotNull(pending);
        Assert.Null(pending.BlockNumber);
        Assert.Null(pending.BlockHash);
        Assert.Equal(nonce + 1, await Client.GetTransactionCountAsync(from, EvmBlocks.Pending));
        Assert.Equal(nonce, await Client.GetTransactionCountAsync(from, EvmBlocks.Latest));

        await chain.MineAsync();

        var receipt = await Client.GetTransactionReceiptAsync(hash);
        Assert.NotNull(receipt);
        Assert.True(receipt.Succeeded());
        Assert.Equal(await Client.BlockNumberAsync(), receipt.BlockNumber.ToLong());
        Assert.NotNull((await Client.GetTransactionByHashAsync(hash))!.BlockNumber);
    }

    [Fact]
    public async Task Rebroadcast_while_pending_is_already_known_and_after_mining_nonce_too_low()
    {
        var from = AnvilRpcFixture.DevAddresses[2];
        var nonce = await Client.GetTransactionCountAsync(from, EvmBlocks.Pending);
        var raw = await chain.SignTransferAsync(2, AnvilRpcFixture.DevAddresses[5], 9, nonce);
        var hash = await Client.SendRawTransactionAsync(raw);

        var known = await Assert.ThrowsAsync<EvmRpcAlreadyKnownException>(() => Client.SendRawTransactionAsync(raw));

        Assert.Equal(EvmRpcErrorKind.AlreadyKnown, known.Kind);
        Assert.False(known.IsTransient);
        await chain.MineAsync();
        await Assert.ThrowsAsync<EvmRpcNonceTooLowException>(() => Client.SendRawTransactionAsync(raw));
        Assert.True((await Client.GetTransactionReceiptAsync(hash))!.Succeeded());
    }

    [Fact]
    public async Task A_batch_of_sends_takes_consecutive_nonces_in_order_counts_already_known_as_sent_and_refuses_one_in_its_place()
    {
        var from = AnvilRpcFixture.DevAddresses[4];
        var nonce = await Client.GetTransactionCountAsync(from, EvmBlocks.Pending);
        var first = await chain.SignTransferAsync(4, AnvilRpcFixture.DevAddresses[5], 3, nonce);
        var second = await chain.SignTransferAsync(4, AnvilRpcFixture.DevAddresses[5], 4, nonce + 1);
        var underpriced = await chain.SignTransferAsync(4, AnvilRpcFixture.DevAddresses[5], 5, nonce + 1);
        await Client.SendRawTransactionAsync(first); // the node has it already

        var refusals = await Client.SendRawTransactionsAsync([Hex(first), Hex(second), Hex(underpriced)]);

        Assert.Null(refusals[0]);
        Assert.Null(refusals[1]);
        Assert.Equal(EvmRpcErrorKind.ReplacementUnderpriced, Assert.IsAssignableFrom<EvmRpcException>(refusals[2]).Kind);
        Assert.Equal(nonce + 2, await Client.GetTransactionCountAsync(from, EvmBlocks.Pending));
        await chain.MineAsync();
        Assert.Equal(nonce + 2, await Client.GetTransactionCountAsync(from, EvmBlocks.Latest));
    }

    private static ReadOnlyMemory<byte> Hex(string raw) => Convert.FromHexString(raw[2..]);

    [Fact]
    public async Task Same_nonce_without_a_fee_bump_is_replacement_underpriced()
    {
        var from = AnvilRpcFixture.DevAddresses[3];
        var nonce = await Client.GetTransactionCountAsync(from, EvmBlocks.Pending);
        var first = await chain.SignTransferAsync(3, AnvilRpcFixture.DevAddresses[5], 1, nonce);
        var replacement = await chain.SignTransferAsync(3, AnvilRpcFixture.DevAddresses[5], 2, nonce);
        var firstHash = await Client.SendRawTransactionAsync(first);

        var e = await Assert.ThrowsAsync<EvmRpcReplacementUnderpricedException>(() => Client.SendRawTransactionAsync(replacement));

        Assert.Equal(EvmRpcErrorKind.ReplacementUnderpriced, e.Kind);
        await chain.MineAsync();
        Assert.True((await Client.GetTransactionReceiptAsync(firstHash))!.Succeeded());
    }
}
