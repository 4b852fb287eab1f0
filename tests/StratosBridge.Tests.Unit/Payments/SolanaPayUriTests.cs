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

    [Fact]
    public async Task Served_uris_are_byte_for_byte_what_solana_pay_encodeURL_writes()
    {
        var random = new Random(1016);
        // Text that exercises the form encoding: reserved and unreserved ASCII, '+', '%', '~', multi-byte UTF-8, an emoji.
        const string alphabet = "abcXYZ019 &=+%#?/:;,@!$'()*-._~\"<>[]\\^`{|}éü€中😀";
        var pool = new List<string>();
        var elements = System.Globalization.StringInfo.GetTextElementEnumerator(alphabet);
        while (elements.MoveNext())
        {
            pool.Add(elements.GetTextElement());
        }
        string? Text() => random.Next(5) == 0
            ? null
            : string.Concat(Enumerable.Range(0, random.Next(1, 24)).Select(_ => pool[random.Next(pool.Count)]));
        var served = Enumerable.Range(0, 300).Select(_ => new SolanaPayUri(Base58.Bitcoin.Encode(Bytes(random, 32)),
            random.Next(10) == 0 ? null : BelowHundredThousandSol(random), SolanaPayUri.NewReference(), Text(), Text())).ToList();

        var pay = await NodeScript.RunAsync("solana-pay-check.mjs", new
        {
            encode = served.Select(u => new
            {
                recipient = u.Recipient,
                amount = u.Lamports is { } l ? SolanaPayUri.Sol(l) : null,
                reference = new[] { u.Reference },
                label = u.Label,
                message = u.Message,
            }),
        });

        var encoded = pay.GetProperty("encode").EnumerateArray().Select(e => e.GetString()).ToList();
        var mismatches = served.Select((u, i) => (Ours: u.ToString(), Theirs: encoded[i])).Where(p => p.Ours != p.Theirs)
            .Select(p => $"ours        {p.Ours}\n    encodeURL   {p.Theirs}").ToList();
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {served.Count} URIs differ:\n" + string.Join("\n", mismatches.Take(5)));
    }

    [Fact]
    public async Task Large_amounts_are_written_exactly_where_encodeURL_writes_float_noise()
    {
        var uri = new SolanaPayUri(Recipient, 623_363_424_391_000, "82ZJ7nbGpixjeDCmEhUcmwXYfvurzAgGdtSMuHnUgyny", null, null);

        var pay = await NodeScript.RunAsync("solana-pay-check.mjs", new
        {
            encode = new[] { new { recipient = Recipient, amount = "623363.424391", reference = new[] { uri.Reference } } },
        });

        Assert.Equal($"solana:{Recipient}?amount=623363.424391&reference={uri.Reference}", uri.ToString());
        // @solana/pay 1.0.16: amount.toFixed(10) of the double 623363.424391 — 10 decimals, not the amount asked for.
        Assert.Equal($"solana:{Recipient}?amount=623363.4243909999&reference={uri.Reference}", pay.GetProperty("encode")[0].GetString());
    }

    // encodeURL writes number.toFixed(10): exact while the integer digits and 10 decimals fit a double's ~15-16 digits.
    private static BigInteger BelowHundredThousandSol(Random random)
    {
        var decimals = random.Next(0, 10);
        var wholeDigits = random.Next(0, 6);
        var whole = wholeDigits == 0 ? 0 : random.NextInt64((long)Math.Pow(10, wholeDigits - 1), (long)Math.Pow(10, wholeDigits));
        var fraction = decimals == 0 ? 0 : random.NextInt64(0, (long)Math.Pow(10, decimals));
        return new BigInteger(whole) * 1_000_000_000 + fraction * (long)Math.Pow(10, 9 - decimals);
    }

    private static byte[] Bytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
