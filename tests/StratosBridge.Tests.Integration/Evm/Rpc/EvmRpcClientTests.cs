using System.Numerics;
using System.Text.Json;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.TestKit;
using StratosBridge.TestKit.Anvil;

namespace StratosBridge.Tests.Integration.Evm.Rpc;

/// <summary>Every RPC method of the client against a real anvil (chain 2048, automining).</summary>
public sealed class EvmRpcClientTests(AutominingAnvilFixture chain) : IClassFixture<AutominingAnvilFixture>
{
    private static readonly BigInteger Gwei = 1_000_000_000;

    private EvmRpcClient Client => chain.Client;

    [Fact]
    public async Task Chain_id_and_block_number_come_from_the_node()
    {
        Assert.Equal(2048, await Client.ChainIdAsync());
        var latest = await Client.GetBlockByNumberAsync(EvmBlockTag.Latest);
        Assert.Equal(latest!.Number, await Client.BlockNumberAsync());
    }

    [Fact]
    public async Task Block_header_by_number_and_by_tag_agree_and_link_to_the_parent()
    {
        await chain.MineAsync();

        var latest = await Client.GetBlockByNumberAsync(EvmBlockTag.Latest);
        Assert.NotNull(latest);
        var byNumber = await Client.GetBlockByNumberAsync(latest.Number);
        var parent = await Client.GetBlockByNumberAsync(latest.Number - 1);

        Assert.Equal(latest, byNumber);
        Assert.Equal(parent!.Hash, latest.ParentHash);
        Assert.Matches("^0x[0-9a-f]{64}$", latest.Hash);
        Assert.NotNull(latest.BaseFeePerGas);
        Assert.True(latest.BaseFeePerGas > 0);
        Assert.True(latest.Time > new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), $"timestamp {latest.Timestamp}");
        Assert.True(latest.Timestamp >= parent.Timestamp);
    }

    [Fact]
    public async Task Safe_and_finalized_tags_trail_latest()
    {
        await chain.MineAsync(3);

        var latest = await Client.GetBlockByNumberAsync(EvmBlockTag.Latest);
        var safe = await Client.GetBlockByNumberAsync(EvmBlockTag.Safe);
        var finalized = await Client.GetBlockByNumberAsync(EvmBlockTag.Finalized);

        // anvil with one slot per epoch: safe is one epoch behind, finalized two.
        Assert.Equal(latest!.Number - 1, safe!.Number);
        Assert.Equal(latest.Number - 2, finalized!.Number);
        Assert.Equal(safe, await Client.GetBlockByNumberAsync(safe.Number));
        Assert.Equal(finalized, await Client.GetBlockByNumberAsync(finalized.Number));
    }

    [Fact]
    public async Task Block_beyond_the_head_is_null_and_earliest_is_genesis()
    {
        var head = await Client.BlockNumberAsync();

        Assert.Null(await Client.GetBlockByNumberAsync(head + 1000));
        var genesis = await Client.GetBlockByNumberAsync(EvmBlockTag.Earliest);
        Assert.Equal(0, genesis!.Number);
        Assert.Equal("0x" + new string('0', 64), genesis.ParentHash);
    }

    [Fact]
    public async Task Logs_are_filtered_by_address_topics_and_block_range()
    {
        var x = Word(0x11);
        var y = Word(0x22);
        var first = await chain.SendFromDevAccountAsync(0, chain.EmitterA, x);
        var second = await chain.SendFromDevAccountAsync(0, chain.EmitterA, y);
        var third = await chain.SendFromDevAccountAsync(0, chain.EmitterB, x);
        var range = new EvmLogFilter(first.BlockNumber, third.BlockNumber);

        var fromA = await Client.GetLogsAsync(range with { Addresses = [chain.EmitterA] });
        var withX = await Client.GetLogsAsync(range with { Topics = [[AutominingAnvilFixture.PingTopic], [x]] });
        var both = await Client.GetLogsAsync(range with
        {
            Addresses = [chain.EmitterA, chain.EmitterB.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal)],
            Topics = [null, [x, y]],
        });
        var firstTwoBlocks = await Client.GetLogsAsync(new EvmLogFilter(first.BlockNumber, second.BlockNumber)
        {
            Addresses = [chain.EmitterA, chain.EmitterB],
        });

        Assert.Equal([first.TransactionHash, second.TransactionHash], fromA.Select(l => l.TransactionHash));
        Assert.Equal([first.TransactionHash, third.TransactionHash], withX.Select(l => l.TransactionHash));
        Assert.Equal([first.TransactionHash, second.TransactionHash, third.TransactionHash], both.Select(l => l.TransactionHash));
        Assert.Equal(2, firstTwoBlocks.Count);
        var log = fromA[0];
        Assert.Equal(chain.EmitterA, log.Address);
        Assert.Equal([AutominingAnvilFixture.PingTopic, x], log.Topics);
        Assert.Equal(x, log.Data);
        Assert.Equal(first.BlockNumber, log.BlockNumber);
        Assert.Equal(first.BlockHash, log.BlockHash);
        Assert.False(log.Removed);
    }

    [Fact]
    public async Task Call_returns_the_contract_output_at_the_requested_block()
    {
        var input = Word(0x42);

        var now = await Client.CallAsync(new EvmCallRequest(chain.EmitterA, input), EvmBlockTag.Latest);
        var beforeDeployment = await Client.CallAsync(new EvmCallRequest(chain.EmitterA, input), chain.EmitterABlock - 1);
        var finalized = await Client.CallAsync(new EvmCallRequest(chain.EmitterA, input), EvmBlockTag.Finalized);

        Assert.Equal(input, now);
        Assert.Equal("0x", beforeDeployment);
        Assert.Equal(input, finalized);
    }

    [Fact]
    public async Task Reverted_call_and_estimate_keep_the_revert_data()
    {
        var call = new EvmCallRequest(chain.Reverter, "0x") { From = AnvilRpcFixture.DevAddresses[0] };

        var onCall = await Assert.ThrowsAsync<EvmRpcExecutionRevertedException>(() => Client.CallAsync(call, EvmBlockTag.Latest));
        var onEstimate = await Assert.ThrowsAsync<EvmRpcExecutionRevertedException>(() => Client.EstimateGasAsync(call));

        Assert.Equal(AutominingAnvilFixture.RevertData, onCall.RevertData);
        Assert.Equal(AutominingAnvilFixture.RevertData, onEstimate.RevertData);
        Assert.Equal(EvmRpcErrorKind.ExecutionReverted, onCall.Kind);
        Assert.False(onCall.IsTransient);
        Assert.Equal("eth_call", onCall.Method);
    }

    [Fact]
    public async Task Gas_estimate_of_a_plain_transfer_is_21000()
    {
        var transfer = new EvmCallRequest(AnvilRpcFixture.DevAddresses[5], "0x")
        {
            From = AnvilRpcFixture.DevAddresses[4],
            Value = 1,
        };

        Assert.Equal(21_000, await Client.EstimateGasAsync(transfer));
        Assert.Equal(21_000, await Client.EstimateGasAsync(transfer, EvmBlockTag.Latest));
    }

    [Fact]
    public async Task Fee_history_covers_the_asked_blocks_and_percentiles()
    {
        await chain.MineAsync();
        var head = await Client.BlockNumberAsync();

        var history = await Client.FeeHistoryAsync(3, EvmBlockTag.Latest, [25m, 75m]);
        var tip = await Client.MaxPriorityFeePerGasAsync();

        Assert.Equal(head - 2, history.OldestBlock);
        Assert.Equal(4, history.BaseFeePerGas.Count);
        Assert.All(history.BaseFeePerGas, fee => Assert.True(fee > 0));
        Assert.Equal(3, history.GasUsedRatio.Count);
        Assert.All(history.GasUsedRatio, ratio => Assert.InRange(ratio, 0m, 1m));
        Assert.Equal(3, history.Reward.Count);
        Assert.All(history.Reward, rewards => Assert.Equal(2, rewards.Count));
        Assert.True(tip > 0);
    }

    [Fact]
    public async Task Raw_transaction_is_broadcast_and_read_back()
    {
        var from = AnvilRpcFixture.DevAddresses[1];
        var to = AnvilRpcFixture.DevAddresses[5];
        var nonce = await Client.GetTransactionCountAsync(from, EvmBlockTag.Pending);
        var raw = await chain.SignTransferAsync(1, to, 12_345, nonce);

        var hash = await Client.SendRawTransactionAsync(Convert.FromHexString(raw[2..]));
        // anvil automines, but may answer the send before the block is sealed: wait for the receipt with a deadline
        var receipt = await Eventually.HoldsAsync(() => Client.GetTransactionReceiptAsync(hash), r => r is not null,
            TimeSpan.FromSeconds(60), "the transfer's receipt");
        var tx = await Client.GetTransactionByHashAsync(hash);

        Assert.Equal(await CastTool.KeccakAsync(raw), hash);
        Assert.NotNull(receipt);
        Assert.True(receipt.Succeeded);
        Assert.Equal(hash, receipt.TransactionHash);
        Assert.Equal(21_000, receipt.GasUsed);
        Assert.True(receipt.EffectiveGasPrice > 0 && receipt.EffectiveGasPrice <= 100 * Gwei, $"effective price {receipt.EffectiveGasPrice}");
        Assert.Equal(from.ToLowerInvariant(), receipt.From);
        Assert.Equal(to.ToLowerInvariant(), receipt.To);
        Assert.Null(receipt.ContractAddress);
        Assert.Empty(receipt.Logs);
        Assert.Equal(receipt.BlockHash, (await Client.GetBlockByNumberAsync(receipt.BlockNumber))!.Hash);

        Assert.NotNull(tx);
        Assert.False(tx.IsPending);
        Assert.Equal(2, tx.Type);
        Assert.Equal(nonce, tx.Nonce);
        Assert.Equal(12_345, tx.Value);
        Assert.Equal(21_000, tx.Gas);
        Assert.Equal(100 * Gwei, tx.MaxFeePerGas);
        Assert.Equal(Gwei, tx.MaxPriorityFeePerGas);
        Assert.Equal(2048, tx.ChainId);
        Assert.Equal("0x", tx.Input);
        Assert.Equal(receipt.BlockNumber, tx.BlockNumber);
        Assert.Equal(receipt.BlockHash, tx.BlockHash);
        Assert.Equal(nonce + 1, await Client.GetTransactionCountAsync(from, EvmBlockTag.Latest));
    }

    [Fact]
    public async Task Receipt_carries_the_logs_of_its_transaction()
    {
        var input = Word(0x77);

        var sent = await chain.SendFromDevAccountAsync(0, chain.EmitterB, input);
        var receipt = await Client.GetTransactionReceiptAsync(sent.TransactionHash);

        var log = Assert.Single(receipt!.Logs);
        Assert.Equal(chain.EmitterB, log.Address);
        Assert.Equal([AutominingAnvilFixture.PingTopic, input], log.Topics);
        Assert.Equal(input, log.Data);
        Assert.Equal(receipt.TransactionHash, log.TransactionHash);
        Assert.Equal(receipt.BlockNumber, log.BlockNumber);
    }

    [Fact]
    public async Task Reverted_transaction_has_a_failed_receipt()
    {
        var receipt = await chain.SendFromDevAccountAsync(0, chain.Reverter, "0x", gas: 100_000);

        Assert.False(receipt.Succeeded);
        Assert.True(receipt.GasUsed > 21_000);
        Assert.Empty(receipt.Logs);
    }

    [Fact]
    public async Task Rebroadcast_of_a_mined_transaction_is_nonce_too_low()
    {
        var from = AnvilRpcFixture.DevAddresses[2];
        var nonce = await Client.GetTransactionCountAsync(from, EvmBlockTag.Pending);
        var raw = await chain.SignTransferAsync(2, AnvilRpcFixture.DevAddresses[5], 1, nonce);
        var hash = await Client.SendRawTransactionAsync(raw);
        var other = await chain.SignTransferAsync(2, AnvilRpcFixture.DevAddresses[5], 2, nonce);

        var again = await Assert.ThrowsAsync<EvmRpcNonceTooLowException>(() => Client.SendRawTransactionAsync(raw));
        var reused = await Assert.ThrowsAsync<EvmRpcNonceTooLowException>(() => Client.SendRawTransactionAsync(other));

        Assert.Equal(EvmRpcErrorKind.NonceTooLow, again.Kind);
        Assert.False(again.IsTransient);
        Assert.Equal("eth_sendRawTransaction", reused.Method);
        Assert.True((await Client.GetTransactionReceiptAsync(hash))!.Succeeded); // "nonce too low" with our hash mined
    }

    [Fact]
    public async Task Unknown_transaction_has_no_receipt_and_no_details()
    {
        var hash = "0x" + new string('9', 64);

        Assert.Null(await Client.GetTransactionReceiptAsync(hash));
        Assert.Null(await Client.GetTransactionByHashAsync(hash));
    }

    [Fact]
    public async Task Raw_call_reaches_methods_without_a_typed_wrapper()
    {
        var balance = await Client.CallAsync("eth_getBalance", [AnvilRpcFixture.DevAddresses[3], "latest"]);

        Assert.Equal(BigInteger.Parse("10000") * BigInteger.Pow(10, 18), EvmRpcClient.ParseQuantity(balance));
    }

    /// <summary>A 32-byte word whose every byte is <paramref name="b"/>.</summary>
    private static string Word(byte b) => "0x" + Convert.ToHexStringLower(Enumerable.Repeat(b, 32).ToArray());
}
