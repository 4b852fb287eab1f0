using System.Numerics;
using System.Text.Json;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
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
        var latest = await Client.GetBlockByNumberAsync(EvmBlocks.Latest);
        Assert.Equal(latest!.Number.ToLong(), await Client.BlockNumberAsync());
    }

    [Fact]
    public async Task Block_header_by_number_and_by_tag_agree_and_link_to_the_parent()
    {
        await chain.MineAsync();

        var latest = await Client.GetBlockByNumberAsync(EvmBlocks.Latest);
        Assert.NotNull(latest);
        var byNumber = await Client.GetBlockByNumberAsync(latest.Number.ToLong());
        var parent = await Client.GetBlockByNumberAsync(latest.Number.ToLong() - 1);

        Assert.Equal(latest.BlockHash, byNumber!.BlockHash);
        Assert.Equal(parent!.BlockHash, latest.ParentHash);
        Assert.Matches("^0x[0-9a-f]{64}$", latest.BlockHash);
        Assert.NotNull(latest.BaseFeePerGas);
        Assert.True(latest.BaseFeePerGas.Value > 0);
        Assert.True(DateTimeOffset.FromUnixTimeSeconds(latest.Timestamp.ToLong()) > new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
            $"timestamp {latest.Timestamp.Value}");
        Assert.True(latest.Timestamp.Value >= parent.Timestamp.Value);
    }

    [Fact]
    public async Task Safe_and_finalized_tags_trail_latest()
    {
        await chain.MineAsync(3);

        var latest = await Client.GetBlockByNumberAsync(EvmBlocks.Latest);
        var safe = await Client.GetBlockByNumberAsync(EvmBlocks.Safe);
        var finalized = await Client.GetBlockByNumberAsync(EvmBlocks.Finalized);

        // anvil with one slot per epoch: safe is one epoch behind, finalized two.
        Assert.Equal(latest!.Number.ToLong() - 1, safe!.Number.ToLong());
        Assert.Equal(latest.Number.ToLong() - 2, finalized!.Number.ToLong());
        Assert.Equal(safe.BlockHash, (await Client.GetBlockByNumberAsync(safe.Number.ToLong()))!.BlockHash);
        Assert.Equal(finalized.BlockHash, (await Client.GetBlockByNumberAsync(finalized.Number.ToLong()))!.BlockHash);
    }

    [Fact]
    public async Task Block_beyond_the_head_is_null_and_earliest_is_genesis()
    {
        var head = await Client.BlockNumberAsync();

        Assert.Null(await Client.GetBlockByNumberAsync(head + 1000));
        var genesis = await Client.GetBlockByNumberAsync(BlockParameter.CreateEarliest());
        Assert.Equal(0, genesis!.Number.ToLong());
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
        NewFilterInput Range(long to) => new() { FromBlock = EvmBlocks.Number(first.BlockNumber.ToLong()), ToBlock = EvmBlocks.Number(to) };
        var end = third.BlockNumber.ToLong();

        var fromA = await Client.GetLogsAsync(Range(end).With(f => f.Address = [chain.EmitterA]));
        var withX = await Client.GetLogsAsync(Range(end).With(f => f.Topics = [AutominingAnvilFixture.PingTopic, x]));
        var both = await Client.GetLogsAsync(Range(end).With(f =>
        {
            f.Address = [chain.EmitterA, chain.EmitterB.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal)];
            f.Topics = [null, new[] { x, y }];
        }));
        var firstTwoBlocks = await Client.GetLogsAsync(Range(second.BlockNumber.ToLong()).With(f => f.Address = [chain.EmitterA, chain.EmitterB]));

        Assert.Equal([first.TransactionHash, second.TransactionHash], fromA.Select(l => l.TransactionHash));
        Assert.Equal([first.TransactionHash, third.TransactionHash], withX.Select(l => l.TransactionHash));
        Assert.Equal([first.TransactionHash, second.TransactionHash, third.TransactionHash], both.Select(l => l.TransactionHash));
        Assert.Equal(2, firstTwoBlocks.Length);
        var log = fromA[0];
        Assert.Equal(chain.EmitterA, log.Address);
        Assert.Equal([AutominingAnvilFixture.PingTopic, x], log.Topics.Cast<string>());
        Assert.Equal(x, log.Data);
        Assert.Equal(first.BlockNumber.Value, log.BlockNumber.Value);
        Assert.Equal(first.BlockHash, log.BlockHash);
        Assert.False(log.Removed);
    }

    [Fact]
    public async Task Call_returns_the_contract_output_at_the_requested_block()
    {
        var input = Word(0x42);

        var now = await Client.CallAsync(new CallInput { To = chain.EmitterA, Data = input }, EvmBlocks.Latest);
        var beforeDeployment = await Client.CallAsync(new CallInput { To = chain.EmitterA, Data = input }, EvmBlocks.Number(chain.EmitterABlock - 1));
        var finalized = await Client.CallAsync(new CallInput { To = chain.EmitterA, Data = input }, EvmBlocks.Finalized);

        Assert.Equal(input, now);
        Assert.Equal("0x", beforeDeployment);
        Assert.Equal(input, finalized);
    }

    [Fact]
    public async Task Reverted_call_and_estimate_keep_the_revert_data()
    {
        var call = new CallInput { To = chain.Reverter, Data = "0x", From = AnvilRpcFixture.DevAddresses[0] };

        var onCall = await Assert.ThrowsAsync<EvmRpcExecutionRevertedException>(() => Client.CallAsync(call, EvmBlocks.Latest));
        var onEstimate = await Assert.ThrowsAsync<EvmRpcExecutionRevertedException>(() => Client.EstimateGasAsync(call));

        Assert.Equal(AutominingAnvilFixture.RevertData, onCall.RevertData);
        Assert.Equal(AutominingAnvilFixture.RevertData, onEstimate.RevertData);
        Assert.Equal(EvmRpcErrorKind.ExecutionReverted, onCall.Kind);
        Assert.False(onCall.IsTransient);
        Assert.Equal("eth_call", onCall.Method);
    }

    [Fact]
    public async Task A_batch_of_estimates_answers_each_call_in_order_with_a_revert_in_its_place()
    {
        var transfer = new CallInput { To = AnvilRpcFixture.DevAddresses[5], Data = "0x", From = AnvilRpcFixture.DevAddresses[4], Value = new HexBigInteger(1) };
        var reverting = new CallInput { To = chain.Reverter, Data = "0x", From = AnvilRpcFixture.DevAddresses[0] };

        var answers = await Client.EstimateGasAsync([transfer, reverting, transfer]);

        Assert.Equal(3, answers.Count);
        Assert.Equal((21_000L, (EvmRpcException?)null), answers[0]);
        Assert.Equal((21_000L, (EvmRpcException?)null), answers[2]);
        var revert = Assert.IsType<EvmRpcExecutionRevertedException>(answers[1].Refusal);
        Assert.Equal(AutominingAnvilFixture.RevertData, revert.RevertData);
        Assert.Equal("eth_estimateGas", revert.Method);
        Assert.Empty(await Client.EstimateGasAsync([]));
    }

    [Fact]
    public async Task Gas_estimate_of_a_plain_transfer_is_21000()
    {
        var transfer = new CallInput { To = AnvilRpcFixture.DevAddresses[5], Data = "0x", From = AnvilRpcFixture.DevAddresses[4], Value = new HexBigInteger(1) };

        Assert.Equal(21_000, await Client.EstimateGasAsync(transfer));
    }

    [Fact]
    public async Task Fee_history_covers_the_asked_blocks_and_percentiles()
    {
        await chain.MineAsync();
        var head = await Client.BlockNumberAsync();

        var history = await Client.FeeHistoryAsync(3, EvmBlocks.Latest, [25m, 75m]);
        var tip = await Client.MaxPriorityFeePerGasAsync();

        Assert.Equal(head - 2, history.OldestBlock.ToLong());
        Assert.Equal(4, history.BaseFeePerGas.Length);
        Assert.All(history.BaseFeePerGas, fee => Assert.True(fee.Value > 0));
        Assert.Equal(3, history.GasUsedRatio.Length);
        Assert.All(history.GasUsedRatio, ratio => Assert.InRange(ratio, 0m, 1m));
        Assert.Equal(3, history.Reward.Length);
        Assert.All(history.Reward, rewards => Assert.Equal(2, rewards.Length));
        Assert.True(tip > 0);
    }

    [Fact]
    public async Task Raw_transaction_is_broadcast_and_read_back()
    {
        var from = AnvilRpcFixture.DevAddresses[1];
        var to = AnvilRpcFixture.DevAddresses[5];
        var nonce = await Client.GetTransactionCountAsync(from, EvmBlocks.Pending);
        var raw = await chain.SignTransferAsync(1, to, 12_345, nonce);

        var hash = await Client.SendRawTransactionAsync(Convert.FromHexString(raw[2..]));
        // anvil automines, but may answer the send before the block is sealed: wait for the receipt with a deadline
        var receipt = await Eventually.HoldsAsync(() => Client.GetTransactionReceiptAsync(hash), r => r is not null,
            TimeSpan.FromSeconds(60), "the transfer's receipt");
        var tx = await Client.GetTransactionByHashAsync(hash);

        Assert.Equal(await CastTool.KeccakAsync(raw), hash);
        Assert.NotNull(receipt);
        Assert.True(receipt.Succeeded());
        Assert.Equal(hash, receipt.TransactionHash);
        Assert.Equal(21_000, receipt.GasUsed.ToLong());
        var price = receipt.EffectiveGasPrice.Value;
        Assert.True(price > 0 && price <= 100 * Gwei, $"effective price {price}");
        Assert.Equal(from.ToLowerInvariant(), receipt.From);
        Assert.Equal(to.ToLowerInvariant(), receipt.To);
        Assert.Null(receipt.ContractAddress);
        Assert.Empty(receipt.Logs);
        Assert.Equal(receipt.BlockHash, (await Client.GetBlockByNumberAsync(receipt.BlockNumber.ToLong()))!.BlockHash);

        Assert.NotNull(tx);
        Assert.Equal(2, tx.Type.ToLong());
        Assert.Equal(nonce, tx.Nonce.ToLong());
        Assert.Equal(12_345, tx.Value.Value);
        Assert.Equal(21_000, tx.Gas.ToLong());
        Assert.Equal(100 * Gwei, tx.MaxFeePerGas.Value);
        Assert.Equal(Gwei, tx.MaxPriorityFeePerGas.Value);
        Assert.Equal("0x", tx.Input);
        Assert.Equal(receipt.BlockNumber.Value, tx.BlockNumber.Value);
        Assert.Equal(receipt.BlockHash, tx.BlockHash);
        Assert.Equal(nonce + 1, await Client.GetTransactionCountAsync(from, EvmBlocks.Latest));
    }

    [Fact]
    public async Task Receipt_carries_the_logs_of_its_transaction()
    {
        var input = Word(0x77);

        var sent = await chain.SendFromDevAccountAsync(0, chain.EmitterB, input);
        var receipt = await Client.GetTransactionReceiptAsync(sent.TransactionHash);

        var log = Assert.Single(receipt!.Logs);
        Assert.Equal(chain.EmitterB, log.Address);
        Assert.Equal([AutominingAnvilFixture.PingTopic, input], log.Topics.Cast<string>());
        Assert.Equal(input, log.Data);
        Assert.Equal(receipt.TransactionHash, log.TransactionHash);
        Assert.Equal(receipt.BlockNumber.Value, log.BlockNumber.Value);
    }

    [Fact]
    public async Task Reverted_transaction_has_a_failed_receipt()
    {
        var receipt = await chain.SendFromDevAccountAsync(0, chain.Reverter, "0x", gas: 100_000);

        Assert.False(receipt.Succeeded());
        Assert.True(receipt.GasUsed.Value > 21_000);
        Assert.Empty(receipt.Logs);
    }

    [Fact]
    public async Task Rebroadcast_of_a_mined_transaction_is_nonce_too_low()
    {
        var from = AnvilRpcFixture.DevAddresses[2];
        var nonce = await Client.GetTransactionCountAsync(from, EvmBlocks.Pending);
        var raw = await chain.SignTransferAsync(2, AnvilRpcFixture.DevAddresses[5], 1, nonce);
        var hash = await Client.SendRawTransactionAsync(raw);
        var other = await chain.SignTransferAsync(2, AnvilRpcFixture.DevAddresses[5], 2, nonce);

        var again = await Assert.ThrowsAsync<EvmRpcNonceTooLowException>(() => Client.SendRawTransactionAsync(raw));
        var reused = await Assert.ThrowsAsync<EvmRpcNonceTooLowException>(() => Client.SendRawTransactionAsync(other));

        Assert.Equal(EvmRpcErrorKind.NonceTooLow, again.Kind);
        Assert.False(again.IsTransient);
        Assert.Equal("eth_sendRawTransaction", reused.Method);
        Assert.True((await Client.GetTransactionReceiptAsync(hash))!.Succeeded()); // "nonce too low" with our hash mined
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
        var balance = await Client.RequestAsync<HexBigInteger>("eth_getBalance", [AnvilRpcFixture.DevAddresses[3], "latest"]);

        Assert.Equal(BigInteger.Parse("10000") * BigInteger.Pow(10, 18), balance.Value);
    }

    /// <summary>A 32-byte word whose every byte is <paramref name="b"/>.</summary>
    private static string Word(byte b) => "0x" + Convert.ToHexStringLower(Enumerable.Repeat(b, 32).ToArray());
}

internal static class FilterInputs
{
    /// <summary>The filter, changed by <paramref name="change"/> (Nethereum's filter is a mutable class).</summary>
    public static NewFilterInput With(this NewFilterInput filter, Action<NewFilterInput> change)
    {
        change(filter);
        return filter;
    }
}
