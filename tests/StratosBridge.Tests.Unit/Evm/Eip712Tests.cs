using System.Numerics;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Chains.Evm.TypedData;

namespace StratosBridge.Tests.Unit.Evm;

public class Eip712Tests
{
    // EIP-712's example (assets/eip-712/Example.js): the "Ether Mail" domain, signed by keccak256("cow").
    private const string MailJson = """
    {
      "types": {
        "EIP712Domain": [
          { "name": "name", "type": "string" }, { "name": "version", "type": "string" },
          { "name": "chainId", "type": "uint256" }, { "name": "verifyingContract", "type": "address" }
        ],
        "Person": [ { "name": "name", "type": "string" }, { "name": "wallet", "type": "address" } ],
        "Mail": [ { "name": "from", "type": "Person" }, { "name": "to", "type": "Person" }, { "name": "contents", "type": "string" } ]
      },
      "primaryType": "Mail",
      "domain": { "name": "Ether Mail", "version": "1", "chainId": 1, "verifyingContract": "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC" },
      "message": {
        "from": { "name": "Cow", "wallet": "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826" },
        "to": { "name": "Bob", "wallet": "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB" },
        "contents": "Hello, Bob!"
      }
    }
    """;

    private static readonly Dictionary<string, IReadOnlyList<Eip712Field>> MailTypes = new()
    {
        ["Person"] = [new("name", "string"), new("wallet", "address")],
        ["Mail"] = [new("from", "Person"), new("to", "Person"), new("contents", "string")],
    };

    private static Eip712TypedData MailInCode => new()
    {
        Types = MailTypes,
        PrimaryType = "Mail",
        Domain = new Eip712Domain
        {
            Name = "Ether Mail", Version = "1", ChainId = 1,
            VerifyingContract = EthAddress.Parse("0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"),
        },
        Message = new Dictionary<string, object?>
        {
            ["from"] = new Dictionary<string, object?> { ["name"] = "Cow", ["wallet"] = EthAddress.Parse("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826") },
            ["to"] = new Dictionary<string, object?> { ["name"] = "Bob", ["wallet"] = EthAddress.Parse("0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB") },
            ["contents"] = "Hello, Bob!",
        },
    };

    [Fact]
    public void Mail_example_encodeType_typeHash_and_struct_hash_match_the_eip()
    {
        Assert.Equal("Mail(Person from,Person to,string contents)Person(string name,address wallet)", Eip712.EncodeType("Mail", MailTypes));
        Assert.Equal("0xa0cedeb2dc280ba39b857546d74f5549c3a1d7bdc2dd96bf881f76108e23dac2", Hex.Encode(Eip712.TypeHash("Mail", MailTypes)));
        Assert.Equal("0xc52c0ee5d84264471806290a3f2c4cecfc5490626bf912d01f240d7a274b371e",
            Hex.Encode(Eip712.HashStruct("Mail", MailTypes, MailInCode.Message)));
        Assert.Equal("0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f", Hex.Encode(MailInCode.Domain.Hash()));
    }

    [Fact]
    public void Mail_example_digest_and_signature_match_the_eip()
    {
        var key = EthKey.FromBytes(Keccak256.Hash("cow"));
        Assert.Equal("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826", key.Address.ToString());
        foreach (var data in new[] { MailInCode, Eip712TypedData.FromJson(MailJson) })
        {
            Assert.Equal("0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2", Hex.Encode(Eip712.HashTypedData(data)));
            var signature = Eip712.Sign(key, data);
            Assert.Equal(1, signature.YParity); // v = 28
            Assert.Equal("0x4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d", "0x" + signature.R.ToString("x64"));
            Assert.Equal("0x07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b91562", "0x" + signature.S.ToString("x64"));
        }
    }

    [Fact]
    public void Referenced_types_are_sorted_by_name_after_the_primary_type()
    {
        var types = new Dictionary<string, IReadOnlyList<Eip712Field>>
        {
            ["Z"] = [new("b", "B[]"), new("a", "A")],
            ["B"] = [new("a", "A[2]")],
            ["A"] = [new("x", "uint256")],
        };
        Assert.Equal("Z(B[] b,A a)A(uint256 x)B(A[2] a)", Eip712.EncodeType("Z", types));
    }

    [Fact]
    public void Arrays_hash_the_concatenation_of_their_encoded_elements()
    {
        var types = new Dictionary<string, IReadOnlyList<Eip712Field>>
        {
            ["Batch"] = [new("amounts", "uint256[]"), new("notes", "string[]")],
        };
        var value = new Dictionary<string, object?>
        {
            ["amounts"] = new object[] { BigInteger.One, new BigInteger(2) },
            ["notes"] = new object[] { "a" },
        };
        var amounts = Keccak256.Hash(Hex.Decode("1".PadLeft(64, '0') + "2".PadLeft(64, '0')));
        var notes = Keccak256.Hash(Keccak256.Hash("a"));
        var expected = Keccak256.Hash([.. Eip712.TypeHash("Batch", types), .. amounts, .. notes]);
        Assert.Equal(expected, Eip712.HashStruct("Batch", types, value));
    }

    [Fact]
    public void Missing_or_unknown_members_are_refused()
    {
        var message = new Dictionary<string, object?>(MailInCode.Message);
        message.Remove("contents");
        Assert.Throws<ArgumentException>(() => Eip712.HashStruct("Mail", MailTypes, message));
        message["contents"] = "x";
        message["extra"] = "y";
        Assert.Throws<ArgumentException>(() => Eip712.HashStruct("Mail", MailTypes, message));
    }

    [Fact]
    public void A_domain_type_that_disagrees_with_the_domain_is_refused()
    {
        var reordered = MailJson.Replace(
            """{ "name": "name", "type": "string" }, { "name": "version", "type": "string" },""",
            """{ "name": "version", "type": "string" }, { "name": "name", "type": "string" },""");
        Assert.Throws<FormatException>(() => Eip712TypedData.FromJson(reordered));
    }

    [Fact]
    public void Member_types_that_are_neither_structs_nor_atomic_are_refused()
    {
        var types = new Dictionary<string, IReadOnlyList<Eip712Field>> { ["A"] = [new("x", "Missing"), new("y", "uint256")] };
        Assert.Throws<ArgumentException>(() => Eip712.EncodeType("A", types));
        var tuple = new Dictionary<string, IReadOnlyList<Eip712Field>> { ["A"] = [new("x", "(uint256,bool)")] };
        Assert.Throws<ArgumentException>(() => Eip712.EncodeType("A", tuple));
    }

    [Fact]
    public void A_bad_address_checksum_in_json_is_refused() =>
        Assert.Throws<FormatException>(() => Eip712TypedData.FromJson(MailJson.Replace("0xCD2a3d9F", "0xcD2a3d9F")));
}
