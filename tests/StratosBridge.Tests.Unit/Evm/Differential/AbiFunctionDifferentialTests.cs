using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Abi;

namespace StratosBridge.Tests.Unit.Evm.Differential;

[Collection(CastCollection.Name)]
public class AbiFunctionDifferentialTests
{
    [Fact]
    public async Task Calldata_agrees_with_cast_calldata()
    {
        var seed = Differential.Seed(5001);
        var random = new EvmRandom(seed);
        var generator = new AbiGenerator(random);
        var cases = Enumerable.Range(0, Differential.Cases(24)).Select(_ =>
        {
            var types = generator.Types(0, 5);
            return (Signature: AbiGenerator.Signature(generator.Name(), types), Types: types, Values: generator.Values(types, castSafeText: true));
        }).ToArray();
        await Differential.RunAsync("calldata", seed, cases, c => $"{c.Signature} {CastAbi.Canonical(c.Types, c.Values)}", async c =>
        {
            var theirs = await Cast.RunAsync(["calldata", c.Signature, .. CastAbi.Args(c.Types, c.Values)]);
            var function = AbiFunction.Parse(c.Signature);
            var ours = Hex.Encode(function.EncodeCall(c.Values));
            if (theirs != ours)
            {
                return $"cast {theirs}\n    ours {ours}";
            }
            var decoded = CastAbi.Canonical(c.Types, function.DecodeCall(Hex.Decode(theirs)));
            var expected = CastAbi.Canonical(c.Types, c.Values);
            return decoded == expected ? null : $"decoding cast's calldata gave {decoded}, expected {expected}";
        });
    }
}
