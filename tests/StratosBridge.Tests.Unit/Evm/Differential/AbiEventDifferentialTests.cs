using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Abi;

namespace StratosBridge.Tests.Unit.Evm.Differential;

/// <summary>
/// Event topics and data against <c>cast abi-encode-event</c>, within what cast 1.7.1 gets right:
/// <list type="bullet">
/// <item>indexed parameters are value types: for an indexed string/bytes/array cast hashes its full ABI encoding
/// (offset and length included), while Solidity hashes the raw bytes / the in-place encoding;</item>
/// <item>the non-indexed parameters are all static, or there is only one: cast encodes each non-indexed value on
/// its own and concatenates, while Solidity ABI-encodes them as one tuple (the two agree only in those cases).</item>
/// </list>
/// The other shapes are checked against solc-compiled contracts on anvil in the integration tests.
/// </summary>
[Collection(CastCollection.Name)]
public class AbiEventDifferentialTests
{
    [Fact]
    public async Task Topics_and_data_agree_with_cast_abi_encode_event()
    {
        var seed = Differential.Seed(7001);
        var random = new EvmRandom(seed);
        var generator = new AbiGenerator(random);
        var cases = Enumerable.Range(0, Differential.Cases(24)).Select(_ =>
        {
            var count = random.Int(0, 6);
            var indexed = new bool[count];
            var types = new AbiType[count];
            var indexedLeft = 3;
            for (var i = 0; i < count; i++)
            {
                indexed[i] = indexedLeft > 0 && random.Chance(0.5);
                indexedLeft -= indexed[i] ? 1 : 0;
            }
            var oneDataParameter = indexed.Count(x => !x) == 1;
            for (var i = 0; i < count; i++)
            {
                types[i] = indexed[i] ? generator.Word() : generator.Type(2, tuples: false);
                while (!indexed[i] && !oneDataParameter && types[i].IsDynamic)
                {
                    types[i] = generator.Type(2, tuples: false);
                }
            }
            var name = generator.Name();
            var parameters = string.Join(", ", types.Select((t, i) => $"{t.CanonicalName}{(indexed[i] ? " indexed" : "")} p{i}"));
            return (Signature: $"{name}({parameters})", Types: types, Values: generator.Values(types, castSafeText: true));
        }).ToArray();
        await Differential.RunAsync("event log", seed, cases, c => $"{c.Signature} {CastAbi.Canonical(c.Types, c.Values)}", async c =>
        {
            var output = await Cast.RunAsync(["abi-encode-event", c.Signature, .. CastAbi.Args(c.Types, c.Values)]);
            var theirTopics = new List<string>();
            var theirData = "0x";
            foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var (label, value) = (line[..line.IndexOf(':')], line[(line.IndexOf(':') + 1)..].Trim());
                if (label.StartsWith("[topic", StringComparison.Ordinal))
                {
                    theirTopics.Add(value);
                }
                else if (label == "[data]")
                {
                    theirData = value;
                }
            }
            var @event = AbiEvent.Parse(c.Signature);
            var (topics, data) = @event.EncodeLog(c.Values);
            var ours = string.Join(" ", topics.Select(t => Hex.Encode(t))) + " | " + Hex.Encode(data);
            var theirs = string.Join(" ", theirTopics) + " | " + theirData;
            if (theirs != ours)
            {
                return $"cast {theirs}\n    ours {ours}";
            }
            var decoded = CastAbi.Canonical(c.Types, @event.DecodeLog(topics, data).Values);
            var expected = CastAbi.Canonical(c.Types, c.Values);
            return decoded == expected ? null : $"decoding the log gave {decoded}, expected {expected}";
        });
    }
}
