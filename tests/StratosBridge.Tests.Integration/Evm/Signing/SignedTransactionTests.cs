using System.Numerics;
using System.Text.Json;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Chains.Evm.Transactions;
using StratosBridge.Chains.Evm;
using StratosBridge.TestKit.Anvil;
using StratosBridge.TestKit;

namespace StratosBridge.Tests.Integration.Evm.Signing;

/// <summary>Transactions signed offline through Nethereum as the relay workers do, accepted and executed by a real node (anvil).</summary>
public class SignedTransactionTests
{
    private const long ChainId = 31337;
    private static readonly EthAddress Recipient = EthAddress.Parse("0x3535353535353535353535353535353535353535");

    [Fact]
    public async Task Eip1559_transfers_signed_here_are_mined_with_our_hash_and_sender()
    {
        await using var node = await AnvilNode.StartAsync(ChainId);
        var key = EthKey.FromHex(AnvilNode.DevKeys[0]);
        var nonce = (ulong)Quantity(await node.RpcAsync("eth_getTransactionCount", key.Address.ToLowerHex(), "latest"));
        var baseFee = Quantity((await node.RpcAsync("eth_getBlockByNumber", "latest", false)).GetProperty("baseFeePerGas"));
        var values = new[] { BigInteger.Parse("1234567890123456789"), BigInteger.Parse("987654321000000001") };
        var transfers = values.Select((value, i) => new Eip1559Transaction
        {
            ChainId = ChainId,
            Nonce = nonce + (ulong)i,
            MaxPriorityFeePerGas = 1_000_000_000,
            MaxFeePerGas = baseFee * 2 + 1_000_000_000,
            GasLimit = 21_000,
            To = Recipient,
            Value = value,
        }.Sign(key)).ToArray();

        var balanceBefore = Quantity(await node.RpcAsync("eth_getBalance", Recipient.ToLowerHex(), "latest"));
        foreach (var signed in transfers)
        {
            var returnedHash = (await node.RpcAsync("eth_sendRawTransaction", signed.RawHex)).GetString();
            Assert.Equal(signed.HashHex, returnedHash);
            var receipt = await ReceiptAsync(node, signed.HashHex);
            Assert.Equal("0x1", receipt.GetProperty("status").GetString());
            var mined = await node.RpcAsync("eth_getTransactionByHash", signed.HashHex);
            Assert.Equal(signed.HashHex, mined.GetProperty("hash").GetString());
            Assert.Equal(key.Address.ToLowerHex(), mined.GetProperty("from").GetString());
            Assert.Equal(Recipient.ToLowerHex(), mined.GetProperty("to").GetString());
            Assert.Equal("0x2", mined.GetProperty("type").GetString());
            Assert.Equal(signed.Transaction.Value, Quantity(mined.GetProperty("value")));
            Assert.Equal(key.Address, signed.Sender);
        }
        var balanceAfter = Quantity(await node.RpcAsync("eth_getBalance", Recipient.ToLowerHex(), "latest"));
        Assert.Equal(values[0] + values[1], balanceAfter - balanceBefore);
    }

    [Fact]
    public async Task The_node_returns_raw_bytes_that_decode_to_the_same_transaction_and_sender()
    {
        await using var node = await AnvilNode.StartAsync(ChainId);
        var key = EthKey.FromHex(AnvilNode.DevKeys[3]);
        var baseFee = Quantity((await node.RpcAsync("eth_getBlockByNumber", "latest", false)).GetProperty("baseFeePerGas"));
        var signed = new Eip1559Transaction
        {
            ChainId = ChainId,
            Nonce = 0,
            MaxPriorityFeePerGas = 2,
            MaxFeePerGas = baseFee * 3,
            GasLimit = 50_000,
            To = Recipient,
            Value = 1,
            Data = [0xca, 0xfe],
        }.Sign(key);
        await node.RpcAsync("eth_sendRawTransaction", signed.RawHex);
        await ReceiptAsync(node, signed.HashHex);
        var raw = (await node.RpcAsync("eth_getRawTransactionByHash", signed.HashHex)).GetString()!;
        Assert.Equal(signed.RawHex, raw);
        var decoded = SignedTransaction.Decode(Hex.Decode(raw));
        Assert.Equal(key.Address, decoded.Sender);
        Assert.Equal(signed.HashHex, decoded.HashHex);
    }

    internal static async Task<JsonElement> ReceiptAsync(AnvilNode node, string hash) =>
        await Eventually.HoldsAsync(() => node.RpcAsync("eth_getTransactionReceipt", hash),
            receipt => receipt.ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(60), $"a receipt for {hash}");

    internal static BigInteger Quantity(JsonElement value) => Hex.DecodeQuantity(value.GetString()!);
}
