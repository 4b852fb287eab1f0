using System.Numerics;
using System.Text.Json;
using SimpleBase;
using StratosBridge.Pricing.Payments;
using StratosBridge.TestKit;

namespace StratosBridge.Tests.Unit.Payments;

public class SolanaPayUriTests
{
    private const string Recipient = "9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM";

    [Theory]
    [InlineData(0, "0")]
    [InlineData(1, "0.000000001")]
    [InlineData(1_500_000_000, "1.5")]
    [InlineData(2_000_000_000, "2")]
    [InlineData(123_456_789_012, "123.456789012")]
    public void Lamports_print_as_plain_SOL(long lamports, string sol) => Assert.Equal(sol, SolanaPayUri.Sol(lamports));

    [Fact]
    public void References_are_fresh_32_byte_keys()
    {
        var references = Enumerable.Range(0, 100).Select(_ => SolanaPayUri.NewReference()).ToList();

        Assert.Equal(100, references.Distinct().Count());
        Assert.All(references, r => Assert.Equal(32, Base58.Bitcoin.Decode(r).Length));
        Assert.All(references, r => Assert.True(SolanaPayUri.IsPublicKey(r)));
        Assert.False(SolanaPayUri.IsPublicKey("0OIl"));
        Assert.False(SolanaPayUri.IsPublicKey(Base58.Bitcoin.Encode(new byte[31])));
    }

    [Fact]
    public async Task Transfer_requests_round_trip_through_solana_pay_parseURL()
    {
        var random = new Random(4242);
        var texts = new[] { "StratosBridge", "Ozone & friends", "100% = 1/1 + 0", "Größe ✓ 日本", "a+b=c?d#e", "🚀 launch", "quote's \"label\"" };
        var cases = Enumerable.Range(0, 400).Select(i =>
        {
            var recipient = i == 0 ? Recipient : Base58.Bitcoin.Encode(Bytes(random, 32));
            BigInteger? lamports = random.Next(8) switch
            {
                0 => null,
                1 => 1,
                2 => BigInteger.Pow(10, 9),
                _ => new BigInteger(random.NextInt64(1, 1_000_000_000_000_000)),
            };
            return new SolanaPayUri(recipient, lamports, SolanaPayUri.NewReference(), texts[random.Next(texts.Length)],
                $"{random.Next(1, 100)} OZ of Ozone for st1{random.Next()} — {texts[random.Next(texts.Length)]}");
        }).ToList();

        var theirs = await NodeScript.RunAsync("solana-pay-parse.mjs", cases.Select(c => c.ToString()));

        var parsed = theirs.EnumerateArray().ToList();
        var mismatches = new List<string>();
        for (var i = 0; i < cases.Count; i++)
        {
            var ours = cases[i];
            var p = parsed[i];
            if (p.TryGetProperty("error", out var error))
            {
                mismatches.Add($"{ours}: parseURL refused it: {error}");
                continue;
            }
            var amountText = ours.Lamports is { } l ? SolanaPayUri.Sol(l) : null;
            var same = p.GetProperty("recipient").GetString() == ours.Recipient
                       && p.GetProperty("amountText").ValueKind == (amountText is null ? JsonValueKind.Null : JsonValueKind.String)
                       && (amountText is null || p.GetProperty("amountText").GetString() == amountText)
                       && (amountText is null || double.Parse(p.GetProperty("amount").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
                           == double.Parse(amountText, System.Globalization.CultureInfo.InvariantCulture))
                       && p.GetProperty("reference").EnumerateArray().Select(r => r.GetString()).SequenceEqual([ours.Reference])
                       && p.GetProperty("label").GetString() == ours.Label
                       && p.GetProperty("message").GetString() == ours.Message
                       && p.GetProperty("splToken").ValueKind == JsonValueKind.Null;
            if (!same)
            {
                mismatches.Add($"{ours}\n    parseURL: {p}");
            }
        }
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {cases.Count} URIs parse differently:\n" + string.Join("\n", mismatches.Take(5)));
    }

    private static byte[] Bytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
