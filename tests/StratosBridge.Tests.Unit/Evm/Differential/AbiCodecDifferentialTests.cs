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
        return Enumerable.Range(0, Differential.Cases).Select(_ =>
        {
            var types = generator.Types(1, 6);
            return (types, generator.Values(types, castSafeText));
        }).ToArray();
    }

    internal static string Describe((AbiType[] Types, object?[] Values) c) =>
        $"{AbiGenerator.Signature("f", c.Types)} {CastAbi.Canonical(c.Types, c.Values)}";
}
