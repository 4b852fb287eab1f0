using System.Numerics;
using System.Text.Json;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Abi;

namespace StratosBridge.Tests.Unit.Evm.Differential;

[Collection(CastCollection.Name)]
public class AbiCodecDifferentialTests
{
    [Fact]
    public async Task Encoding_agrees_with_cast_abi_encode_and_decodes_back()
    {
        var seed = Differential.Seed(4001);
        var cases = Cases(seed, castSafeText: true);
        await Differential.RunAsync("abi encode", seed, cases, Describe, async c =>
        {
            var signature = AbiGenerator.Signature("f", c.Types);
            var theirs = await Cast.RunAsync(["abi-encode", signature, .. CastAbi.Args(c.Types, c.Values)]);
            var ours = Hex.Encode(AbiCodec.Encode(c.Types, c.Values));
            if (theirs != ours)
            {
                return $"cast {theirs}\n    ours {ours}";
            }
            var decoded = CastAbi.Canonical(c.Types, AbiCodec.Decode(c.Types, Hex.Decode(theirs)));
            var expected = CastAbi.Canonical(c.Types, c.Values);
            return decoded == expected ? null : $"decoding cast's bytes gave {decoded}, expected {expected}";
        });
    }

    [Fact]
    public async Task Decoding_agrees_with_cast_abi_decode()
    {
        var seed = Differential.Seed(4002);
        var cases = Cases(seed, castSafeText: false);
        await Differential.RunAsync("abi decode", seed, cases, Describe, async c =>
        {
            var encoded = AbiCodec.Encode(c.Types, c.Values);
            var signature = "f()(" + string.Join(",", c.Types.Select(t => t.CanonicalName)) + ")";
            using var json = JsonDocument.Parse(await Cast.RunAsync("abi-decode", "--json", signature, Hex.Encode(encoded)));
            var theirs = CastAbi.Canonical(c.Types, json.RootElement);
            var ours = CastAbi.Canonical(c.Types, AbiCodec.Decode(c.Types, encoded));
            return theirs == ours ? null : $"cast {theirs}\n    ours {ours}";
        });
    }

    internal static (AbiType[] Types, object?[] Values)[] Cases(int seed, bool castSafeText)
    {
        var random = new EvmRandom(seed);
        var generator = new AbiGenerator(random);
        var generated = Enumerable.Range(0, Differential.Cases(24)).Select(_ =>
        {
            var types = generator.Types(1, 6);
            return (types, generator.Values(types, castSafeText));
        });
        return Boundaries(random).Concat(generated).ToArray();
    }

    /// <summary>Integers at the ends of their widths, byte strings around a word, empty arrays, zero address, text beyond ASCII.</summary>
    private static IEnumerable<(AbiType[] Types, object?[] Values)> Boundaries(EvmRandom random)
    {
        var half = BigInteger.One << 255;
        yield return ([AbiType.UInt(8), AbiType.UInt(256), AbiType.Int(8), AbiType.Int(256), AbiType.Int(256), AbiType.UInt(256)],
            [new BigInteger(255), AbiGenerator.Max(256), new BigInteger(-128), -half, half - 1, BigInteger.Zero]);
        yield return ([AbiType.Bytes, AbiType.Bytes, AbiType.Bytes, AbiType.Bytes, AbiType.String, AbiType.String],
            [Array.Empty<byte>(), random.Bytes(31), random.Bytes(32), random.Bytes(33), "", "éß中文🚀"]);
        yield return ([AbiType.ArrayOf(AbiType.UInt(256)), AbiType.FixedArrayOf(AbiType.FixedBytes(32), 2),
                AbiType.ArrayOf(AbiType.Tuple([AbiType.UInt(8), AbiType.String])), AbiType.ArrayOf(AbiType.ArrayOf(AbiType.Bytes))],
            [Array.Empty<object?>(), new object?[] { random.Bytes(32), new byte[32] }, Array.Empty<object?>(), new object?[] { Array.Empty<object?>() }]);
        yield return ([AbiType.Address, AbiType.Bool, AbiType.FixedBytes(1), AbiType.Tuple([AbiType.Bytes, AbiType.Address])],
            [EthAddress.Zero, false, new byte[] { 0xff }, new object?[] { Array.Empty<byte>(), EthAddress.FromBytes(Enumerable.Repeat((byte)0xff, 20).ToArray()) }]);
    }

    internal static string Describe((AbiType[] Types, object?[] Values) c) =>
        $"{AbiGenerator.Signature("f", c.Types)} {CastAbi.Canonical(c.Types, c.Values)}";
}
