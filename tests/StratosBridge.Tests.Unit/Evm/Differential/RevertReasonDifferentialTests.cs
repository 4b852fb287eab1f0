using System.Text.Json;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Abi;

namespace StratosBridge.Tests.Unit.Evm.Differential;

[Collection(CastCollection.Name)]
public class RevertReasonDifferentialTests
{
    [Fact]
    public async Task Custom_errors_decode_like_cast_decode_error()
    {
        var seed = Differential.Seed(6001);
        var random = new EvmRandom(seed);
        var generator = new AbiGenerator(random);
        var cases = Enumerable.Range(0, Differential.Cases(20)).Select(_ =>
        {
            var types = generator.Types(1, 4);
            return (Signature: AbiGenerator.Signature(generator.Name() + "Error", types), Types: types,
                Values: generator.Values(types, castSafeText: false));
        }).ToArray();
        await Differential.RunAsync("custom error", seed, cases, c => $"{c.Signature} {CastAbi.Canonical(c.Types, c.Values)}", async c =>
        {
            var error = AbiError.Parse(c.Signature);
            var data = error.Encode(c.Values);
            using var json = JsonDocument.Parse(await Cast.RunAsync("decode-error", "--json", "--sig", c.Signature, Hex.Encode(data)));
            var theirs = CastAbi.Canonical(c.Types, json.RootElement);
            var reason = RevertReason.Decode(data, [AbiError.Parse("Other(uint256)"), error]);
            if (reason.Kind != RevertKind.Custom || reason.Name != error.Name)
            {
                return $"ours decoded it as {reason.Kind} {reason.Name}";
            }
            var ours = CastAbi.Canonical(c.Types, reason.Arguments);
            return theirs == ours ? null : $"cast {theirs}\n    ours {ours}";
        });
    }
}
