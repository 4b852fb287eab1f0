using System.Text.Json;
using StratosBridge.Chains.Stratos;
using StratosBridge.Core.Addresses;
using StratosBridge.TestKit;

namespace StratosBridge.Tests.Unit.Addresses;

/// <summary>Our bech32 against npm <c>bech32</c> 2.0.0 (ops/tools) on generated account addresses, both directions, one node process.</summary>
public class Bech32DifferentialTests
{
    private const int Cases = 1500;

    [Fact]
    public async Task Encoding_and_decoding_agree_with_npm_bech32_on_generated_addresses()
    {
        var random = new Random(Seed());
        var accounts = Enumerable.Range(0, Cases).Select(i =>
        {
            var bytes = new byte[20];
            if (i % 50 == 1)
            {
                Array.Fill(bytes, (byte)0xff);
            }
            else if (i % 50 != 0)
            {
                random.NextBytes(bytes);
            }
            return StratosAddress.FromBytes(bytes);
        }).ToList();
        // some other payload lengths and prefixes too (validator, consensus keys use other hrps)
        var others = Enumerable.Range(0, 200).Select(_ =>
        {
            var bytes = new byte[random.Next(0, 41)];
            random.NextBytes(bytes);
            return (Hrp: random.Next(3) switch { 0 => "st", 1 => "stvaloper", _ => "stsdsp" }, Bytes: bytes);
        }).ToList();

        var theirs = await NodeScript.RunAsync("bech32.mjs", new
        {
            encode = accounts.Select(a => new { hrp = "st", hex = Convert.ToHexStringLower(a.Bytes) })
                .Concat(others.Select(o => new { hrp = o.Hrp, hex = Convert.ToHexStringLower(o.Bytes) })),
            decode = accounts.Select(a => a.Bech32),
        });

        var encoded = theirs.GetProperty("encoded").EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.ToString()).ToList();
        var decoded = theirs.GetProperty("decoded").EnumerateArray().ToList();
        var mismatches = new List<string>();
        for (var i = 0; i < accounts.Count; i++)
        {
            if (encoded[i] != accounts[i].Bech32)
            {
                mismatches.Add($"encode {accounts[i].LowerHex}: ours {accounts[i].Bech32}, npm {encoded[i]}");
            }
            if (decoded[i].GetProperty("hex").GetString() != Convert.ToHexStringLower(accounts[i].Bytes)
                || decoded[i].GetProperty("hrp").GetString() != "st")
            {
                mismatches.Add($"decode {accounts[i].Bech32}: npm {decoded[i]}");
            }
            if (StratosAddress.Parse(encoded[i]!) != accounts[i])
            {
                mismatches.Add($"our parse of npm's {encoded[i]} is not {accounts[i].LowerHex}");
            }
        }
        for (var i = 0; i < others.Count; i++)
        {
            var ours = Bech32.Encode(others[i].Hrp, others[i].Bytes);
            if (encoded[accounts.Count + i] != ours)
            {
                mismatches.Add($"encode {others[i].Hrp}/{Convert.ToHexStringLower(others[i].Bytes)}: ours {ours}, npm {encoded[accounts.Count + i]}");
            }
        }
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} disagreements with npm bech32 (seed {Seed()}):\n" + string.Join("\n", mismatches.Take(5)));
    }

    private static int Seed() =>
        Environment.GetEnvironmentVariable("EVM_DIFF_SEED") is { Length: > 0 } text ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : 3201;
}
