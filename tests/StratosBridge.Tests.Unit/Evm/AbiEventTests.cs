using System.Numerics;
using Nethereum.Util;
using StratosBridge.Chains.Evm.Abi;
using StratosBridge.Chains.Evm;

namespace StratosBridge.Tests.Unit.Evm;

public class AbiEventTests
{
    private static readonly EthAddress Alice = EthAddress.Parse("0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F");
    private static readonly EthAddress Bob = EthAddress.Parse("0x3535353535353535353535353535353535353535");

    [Fact]
    public void Erc20_transfer_topics_and_data_are_the_known_ones()
    {
        var transfer = AbiEvent.Parse("event Transfer(address indexed from, address indexed to, uint256 value)");
        Assert.Equal("Transfer(address,address,uint256)", transfer.Signature);
        Assert.Equal("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef", Hex.Encode(transfer.Topic0));
        var (topics, data) = transfer.EncodeLog([Alice, Bob, 5]);
        Assert.Equal(3, topics.Count);
        Assert.Equal("0x0000000000000000000000009d8a62f656a8d1615c1294fd71e9cfb3e4855a4f", Hex.Encode(topics[1]));
        Assert.Equal("0x" + "5".PadLeft(64, '0'), Hex.Encode(data));
    }

    [Fact]
    public void Decodes_a_log_by_position_and_by_name()
    {
        var locked = AbiEvent.Parse("Locked(uint64 nonce, address indexed sender, address indexed recipient, uint256 amount)");
        Assert.Equal("0x3043848b5fead3dbbb0052433241b1685f1ba5f4a6f25b5861f39a563f911943", Hex.Encode(locked.Topic0));
        var amount = BigInteger.Parse("1000000000000000000000");
        var (topics, data) = locked.EncodeLog([42UL, Alice, Bob, amount]);
        var log = locked.DecodeLog(topics, data);
        Assert.Equal(new object?[] { new BigInteger(42), Alice, Bob, amount }, log.Values);
        Assert.Equal(amount, log["amount"]);
        Assert.Equal(Bob, log["recipient"]);
        Assert.Throws<KeyNotFoundException>(() => log["missing"]);
    }

    [Fact]
    public void Indexed_string_and_bytes_are_the_keccak_of_their_raw_bytes()
    {
        Assert.Equal(Sha3Keccack.Current.CalculateHashAsBytes("hello"), AbiEvent.EncodeTopic(AbiType.String, "hello"));
        Assert.Equal(Sha3Keccack.Current.CalculateHash([1, 2, 3]), AbiEvent.EncodeTopic(AbiType.Bytes, new byte[] { 1, 2, 3 }));
    }

    [Fact]
    public void Indexed_arrays_and_tuples_hash_their_padded_in_place_elements()
    {
        // uint256[] [1, 2]: keccak(word(1) ‖ word(2)) — no length, no offsets
        var words = Hex.Decode("1".PadLeft(64, '0') + "2".PadLeft(64, '0'));
        Assert.Equal(Sha3Keccack.Current.CalculateHash(words), AbiEvent.EncodeTopic(AbiType.Parse("uint256[]"), new object[] { 1, 2 }));
        // (string,uint8) ("ab", 7): keccak(pad32("ab") ‖ word(7))
        var tuple = Hex.Decode("6162".PadRight(64, '0') + "7".PadLeft(64, '0'));
        Assert.Equal(Sha3Keccack.Current.CalculateHash(tuple), AbiEvent.EncodeTopic(AbiType.Parse("(string,uint8)"), new object[] { "ab", 7 }));
        // even a static tuple is hashed
        Assert.Equal(Sha3Keccack.Current.CalculateHash(words), AbiEvent.EncodeTopic(AbiType.Parse("(uint8,uint8)"), new object[] { 1, 2 }));
    }

    [Fact]
    public void Indexed_dynamic_values_decode_to_their_hash()
    {
        var named = AbiEvent.Parse("Named(string indexed name, string note)");
        var (topics, data) = named.EncodeLog(["stratos", "hi"]);
        var log = named.DecodeLog(topics, data);
        var hash = Assert.IsType<AbiIndexedHash>(log["name"]);
        Assert.Equal(Sha3Keccack.Current.CalculateHashAsBytes("stratos"), hash.Hash.ToArray());
        Assert.Equal("hi", log["note"]);
    }

    [Fact]
    public void A_log_of_another_event_or_with_the_wrong_topic_count_is_refused()
    {
        var transfer = AbiEvent.Parse("Transfer(address indexed from, address indexed to, uint256 value)");
        var approval = AbiEvent.Parse("Approval(address indexed owner, address indexed spender, uint256 value)");
        var (topics, data) = approval.EncodeLog([Alice, Bob, 1]);
        Assert.False(transfer.Matches(topics));
        Assert.Throws<FormatException>(() => transfer.DecodeLog(topics, data));
        var (transferTopics, transferData) = transfer.EncodeLog([Alice, Bob, 1]);
        Assert.Throws<FormatException>(() => transfer.DecodeLog(transferTopics.Take(2).ToArray(), transferData));
    }

    [Fact]
    public void An_indexed_address_topic_with_dirty_high_bytes_is_refused()
    {
        var transfer = AbiEvent.Parse("Transfer(address indexed from, address indexed to, uint256 value)");
        var (topics, data) = transfer.EncodeLog([Alice, Bob, 1]);
        var dirty = topics.Select(t => t.ToArray()).ToArray();
        dirty[1][0] = 1;
        Assert.Throws<FormatException>(() => transfer.DecodeLog(dirty, data));
    }

    [Fact]
    public void More_than_three_indexed_parameters_are_refused() =>
        Assert.Throws<FormatException>(() => AbiEvent.Parse("E(uint8 indexed a, uint8 indexed b, uint8 indexed c, uint8 indexed d)"));
}
