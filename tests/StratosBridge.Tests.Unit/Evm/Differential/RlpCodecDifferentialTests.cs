using System.Text.Json;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Rlp;

namespace StratosBridge.Tests.Unit.Evm.Differential;

[Collection(CastCollection.Name)]
public class RlpCodecDifferentialTests
{
    [Fact]
    public async Task Encoding_agrees_with_cast_to_rlp()
    {
        var seed = Differential.Seed(3001);
        var items = Items(seed);
        await Differential.RunAsync("rlp encode", seed, items, Json, async item =>
        {
            var theirs = await Cast.RunAsync("to-rlp", Json(item));
            var ours = Hex.Encode(RlpCodec.Encode(item));
            return theirs == ours ? null : $"cast {theirs}, ours {ours}";
        });
    }

    [Fact]
    public async Task Decoding_agrees_with_cast_from_rlp()
    {
        var seed = Differential.Seed(3002);
        var items = Items(seed);
        await Differential.RunAsync("rlp decode", seed, items, Json, async item =>
        {
            var encoded = RlpCodec.Encode(item);
            using var theirs = JsonDocument.Parse(await Cast.RunAsync("from-rlp", Hex.Encode(encoded)));
            var theirsText = Canonical(theirs.RootElement);
            var ours = Json(RlpCodec.Decode(encoded));
            return theirsText == ours ? null : $"cast {theirsText}, ours {ours}";
        });
    }

    private static RlpItem[] Items(int seed)
    {
        var random = new EvmRandom(seed);
        RlpItem Bytes(int length) => RlpItem.FromBytes(random.Bytes(length));
        RlpItem[] boundaries =
        [
            RlpItem.FromBytes([]), RlpItem.FromBytes([0x00]), RlpItem.FromBytes([0x7f]), RlpItem.FromBytes([0x80]), RlpItem.FromBytes([0xff]),
            Bytes(55), Bytes(56), Bytes(255), Bytes(256), Bytes(1100),
            RlpItem.List([]), RlpItem.List([RlpItem.List([]), RlpItem.List([RlpItem.List([])])]),
            RlpItem.List([Bytes(53)]), RlpItem.List([Bytes(54)]), // payloads of 55 and 56 bytes: the short/long list boundary
            RlpItem.List(Enumerable.Range(0, 60).Select(_ => Bytes(random.Int(0, 3))).ToArray()),
        ];
        return boundaries.Concat(Enumerable.Range(0, Differential.Cases(10)).Select(_ => Item(random, 0))).ToArray();
    }

    private static RlpItem Item(EvmRandom random, int depth)
    {
        if (depth < 4 && random.Chance(depth == 0 ? 0.6 : 0.3))
        {
            var count = depth == 0 && random.Chance(0.15) ? random.Int(10, 60) : random.Int(0, 6);
            return RlpItem.List(Enumerable.Range(0, count).Select(_ => Item(random, depth + 1)).ToArray());
        }
        return random.Int(0, 10) switch
        {
            0 => RlpItem.FromBytes([(byte)random.Int(0, 0x80)]),
            1 => RlpItem.FromBytes([(byte)random.Int(0x80, 0x100)]),
            2 => RlpItem.FromBytes(random.Bytes(random.Pick(255, 256, 300, 1100))),
            _ => RlpItem.FromBytes(random.Bytes(random.Length(80))),
        };
    }

    /// <summary>The JSON form cast uses for RLP: hex strings and arrays.</summary>
    private static string Json(RlpItem item) =>
        item.IsList ? "[" + string.Join(",", item.Items.Select(Json)) + "]" : "\"" + Hex.Encode(item.Bytes) + "\"";

    private static string Canonical(JsonElement json) => json.ValueKind == JsonValueKind.Array
        ? "[" + string.Join(",", json.EnumerateArray().Select(Canonical)) + "]"
        : "\"" + json.GetString() + "\"";
}
