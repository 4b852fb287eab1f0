using StratosBridge.Chains.Evm;

namespace StratosBridge.Tests.Unit.Evm.Differential;

[Collection(CastCollection.Name)]
public class Keccak256DifferentialTests
{
    [Fact]
    public async Task Hashes_agree_with_cast_keccak_on_random_inputs()
    {
        var seed = Differential.Seed(1001);
        var random = new EvmRandom(seed);
        // lengths around the 136-byte rate boundary too
        var inputs = Enumerable.Range(0, Differential.Cases)
            .Select(_ => random.Bytes(random.Chance(0.3) ? random.Pick(135, 136, 137, 271, 272, 273) : random.Length(600)))
            .ToArray();
        await Differential.RunAsync("keccak256", seed, inputs, input => Hex.Encode(input), async input =>
        {
            var theirs = await Cast.RunAsync("keccak", Hex.Encode(input));
            var ours = Hex.Encode(Keccak256.Hash(input));
            return theirs == ours ? null : $"cast {theirs}, ours {ours}";
        });
    }
}
