using System.Numerics;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Signing;

namespace StratosBridge.Tests.Unit.Evm.Differential;

[Collection(CastCollection.Name)]
public class EthKeyDifferentialTests
{
    /// <summary>The ends of [1, n−1] and 2.</summary>
    private static readonly byte[][] BoundaryKeys = new[] { BigInteger.One, new BigInteger(2), Secp256k1.Order - 1 }
        .Select(k => k.ToByteArray(isUnsigned: true, isBigEndian: true).PadLeft32()).ToArray();

    [Fact]
    public async Task Addresses_agree_with_cast_wallet_address_including_the_checksum()
    {
        var seed = Differential.Seed(2001);
        var random = new EvmRandom(seed);
        var keys = BoundaryKeys.Concat(Enumerable.Range(0, Differential.Cases(13)).Select(_ => random.PrivateKey())).ToArray();
        await Differential.RunAsync("address from key", seed, keys, key => Hex.Encode(key), async key =>
        {
            var theirs = await Cast.RunAsync("wallet", "address", "--private-key", Hex.Encode(key));
            var ours = EthKey.FromBytes(key).Address.ToString();
            return theirs == ours ? null : $"cast {theirs}, ours {ours}";
        });
    }

    [Fact]
    public async Task Signatures_of_raw_hashes_agree_with_cast_wallet_sign_no_hash()
    {
        var seed = Differential.Seed(2002);
        var random = new EvmRandom(seed);
        // Hashes at the ends of [0, n−1]. For a hash ≥ n (0xff…ff) our signature differs from cast's: known, left to the
        // Nethereum migration (a keccak output lands there with probability about 2^-128).
        var highest = (Secp256k1.Order - 1).ToByteArray(isUnsigned: true, isBigEndian: true).PadLeft32();
        var cases = BoundaryKeys.Select(key => (Key: key, Hash: new byte[32]))
            .Concat(BoundaryKeys.Select(key => (Key: key, Hash: highest)))
            .Concat(Enumerable.Range(0, Differential.Cases(10)).Select(_ => (Key: random.PrivateKey(), Hash: random.Bytes(32))))
            .ToArray();
        await Differential.RunAsync("secp256k1 signature", seed, cases,
            c => $"key {Hex.Encode(c.Key)} hash {Hex.Encode(c.Hash)}",
            async c =>
            {
                var theirs = await Cast.RunAsync("wallet", "sign", "--no-hash", "--private-key", Hex.Encode(c.Key), Hex.Encode(c.Hash));
                var key = EthKey.FromBytes(c.Key);
                var signature = key.Sign(c.Hash);
                var ours = Hex.Encode(signature.ToBytes());
                if (theirs != ours)
                {
                    return $"cast {theirs}, ours {ours}";
                }
                var recovered = EthSignature.FromBytes(Hex.Decode(theirs)).RecoverAddress(c.Hash);
                return recovered == key.Address ? null : $"cast's signature recovers to {recovered}, not {key.Address}";
            });
    }
}
