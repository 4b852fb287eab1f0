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
        // every length at a boundary (empty, one word, one 136-byte rate block, two), then random lengths
        int[] boundaries = [0, 1, 31, 32, 33, 55, 56, 64, 135, 136, 137, 271, 272, 273, 600];
        var inputs = boundaries.Select(random.Bytes)
            .Concat(Enumerable.Range(0, Differential.Cases(10)).Select(_ => random.Bytes(random.Length(600))))
            .ToArray();
        await Differential.RunAsync("keccak256", seed, inputs, input => Hex.Encode(input), async input =>
        {
            var theirs = await Cast.RunAsync("keccak", Hex.Encode(input));
            var ours = Hex.Encode(Keccak256.Hash(input));
            return theirs == ours ? null : $"cast {theirs}, ours {ours}";
        });
    }
}
