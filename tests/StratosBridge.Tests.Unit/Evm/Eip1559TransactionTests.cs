using System.Numerics;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Abi;
using StratosBridge.Chains.Evm.Rlp;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Chains.Evm.Transactions;

namespace StratosBridge.Tests.Unit.Evm;

public class Eip1559TransactionTests
{
    private static readonly EthKey Key = EthKey.FromHex("0x4646464646464646464646464646464646464646464646464646464646464646");

    private static Eip1559Transaction Transfer(IReadOnlyList<AccessListEntry>? accessList = null) => new()
    {
        ChainId = 2048,
        Nonce = 7,
        MaxPriorityFeePerGas = 1_000_000_000,
        MaxFeePerGas = 30_000_000_000,
        GasLimit = 60_000,
        To = EthAddress.Parse("0x08c32b0726C5684024ea6e141C50aDe9690bBdcc"),
        Value = 0,
        Data = AbiFunction.Parse("transfer(address,uint256)")
            .EncodeCall([EthAddress.Parse("0x3535353535353535353535353535353535353535"), BigInteger.Parse("1234500000000000000000")]),
        AccessList = accessList ?? [],
    };

    [Fact]
    public void Raw_bytes_are_the_type_byte_then_a_12_item_list()
    {
        var signed = Transfer().Sign(Key);
        Assert.Equal(0x02, signed.Raw[0]);
        var fields = RlpCodec.Decode(signed.Raw[1..]).Items;
        Assert.Equal(12, fields.Count);
        Assert.Equal(2048UL, fields[0].ToUInt64());
        Assert.Empty(fields[8].Items);
        Assert.Equal(new BigInteger(signed.Signature.YParity), fields[9].ToBigInteger());
        Assert.Equal(Hex.Encode(Keccak256.Hash(signed.Raw)), signed.HashHex);
    }

    [Fact]
    public void Round_trips_with_an_access_list_and_recovers_the_sender()
    {
        var key = new byte[32];
        key[31] = 1;
        var accessList = new[]
        {
            new AccessListEntry(EthAddress.Parse("0x1000000000000000000000000000000000010101"), [key, new byte[32]]),
            new AccessListEntry(EthAddress.Zero, []),
        };
        var signed = Transfer(accessList).Sign(Key);
        var decoded = SignedTransaction.Decode(signed.Raw);
        var tx = Assert.IsType<Eip1559Transaction>(decoded.Transaction);
        Assert.Equal(Key.Address, decoded.Sender);
        Assert.Equal(signed.HashHex, decoded.HashHex);
        Assert.Equal(2, tx.AccessList.Count);
        Assert.Equal(key, tx.AccessList[0].StorageKeys[0]);
        Assert.Empty(tx.AccessList[1].StorageKeys);
        Assert.Equal(new BigInteger(30_000_000_000), tx.MaxFeePerGas);
        Assert.Equal(Transfer().Data, tx.Data);
    }

    [Fact]
    public void A_priority_fee_above_the_max_fee_is_refused()
    {
        var tx = new Eip1559Transaction
        {
            ChainId = 1, Nonce = 0, MaxPriorityFeePerGas = 2, MaxFeePerGas = 1, GasLimit = 21_000, To = EthAddress.Zero,
        };
        Assert.Throws<ArgumentOutOfRangeException>(() => tx.Sign(Key));
    }

    [Fact]
    public void Signing_the_same_fields_twice_gives_the_same_bytes() =>
        Assert.Equal(Transfer().Sign(Key).RawHex, Transfer().Sign(Key).RawHex);

    [Fact]
    public void A_changed_chain_id_changes_the_recovered_sender()
    {
        var signed = Transfer().Sign(Key);
        var fields = RlpCodec.Decode(signed.Raw[1..]).Items.ToArray();
        fields[0] = RlpItem.FromInteger(1);
        var tampered = SignedTransaction.Decode([0x02, .. RlpCodec.Encode(RlpItem.List(fields))]);
        Assert.NotEqual(Key.Address, tampered.Sender);
    }

    [Fact]
    public void A_y_parity_other_than_0_or_1_is_refused()
    {
        var signed = Transfer().Sign(Key);
        var fields = RlpCodec.Decode(signed.Raw[1..]).Items.ToArray();
        fields[9] = RlpItem.FromInteger(27);
        Assert.Throws<FormatException>(() => SignedTransaction.Decode([0x02, .. RlpCodec.Encode(RlpItem.List(fields))]));
    }

    [Fact]
    public void Storage_keys_must_be_32_bytes() =>
        Assert.Throws<ArgumentException>(() => new AccessListEntry(EthAddress.Zero, [new byte[31]]));
}
