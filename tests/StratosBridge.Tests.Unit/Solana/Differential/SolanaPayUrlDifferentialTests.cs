using System.Globalization;
using System.Text;
using System.Text.Json;
using StratosBridge.Chains.Solana;
using StratosBridge.Chains.Solana.Pay;
using StratosBridge.TestKit;

namespace StratosBridge.Tests.Unit.Solana.Differential;

/// <summary>
/// Our transfer request URLs against @solana/pay 1.0.16 itself (ops/tools/scripts/solana-pay-check.mjs): on generated
/// requests our URL is byte-for-byte encodeURL's and parseURL reads it back to the same fields; on odd hand-written
/// URLs both accept and refuse the same ones and read the same fields.
/// </summary>
public sealed class SolanaPayUrlDifferentialTests
{
    private const int Seed = 1016;

    // Text that exercises the form encoding: reserved and unreserved ASCII, '+', '%', multi-byte UTF-8, an emoji.
    private const string Alphabet = "abcXYZ019 &=+%#?/:;,@!$'()*-._~\"<>[]\\^`{|}éü€中😀";

    [Fact]
    public async Task Generated_requests_encode_like_encodeURL_and_parse_back_in_parseURL()
    {
        var random = new Random(Seed);
        var requests = Enumerable.Range(0, 300).Select(_ => Generate(random)).ToArray();

        var pay = await NodeScript.RunAsync("solana-pay-check.mjs", new
        {
            encode = requests.Select(r => new
            {
                recipient = r.Recipient.ToString(),
                amount = r.Lamports is { } l ? SolanaPayAmount.Format(l) : null,
                reference = r.References.Select(k => k.ToString()),
                label = r.Label,
                message = r.Message,
                memo = r.Memo,
            }),
            parse = requests.Select(r => r.ToUri()),
        });

        var encoded = pay.GetProperty("encode").EnumerateArray().Select(e => e.GetString()!).ToArray();
        var parsed = pay.GetProperty("parse").EnumerateArray().ToArray();
        var mismatches = new List<string>();
        for (var i = 0; i < requests.Length; i++)
        {
            var ours = requests[i].ToUri();
            if (ours != encoded[i])
            {
                mismatches.Add($"encode: ours {ours}\n      @solana/pay {encoded[i]}");
            }
            if (Describe(requests[i]) != DescribeTheirs(parsed[i]))
            {
                mismatches.Add($"parse {ours}: ours {Describe(requests[i])}\n      @solana/pay {DescribeTheirs(parsed[i])}");
            }
            if (Describe(SolanaPayTransferRequest.Parse(encoded[i])) != Describe(requests[i]))
            {
                mismatches.Add($"our parse of {encoded[i]}: {Describe(SolanaPayTransferRequest.Parse(encoded[i]))}");
            }
        }
        Assert.True(mismatches.Count == 0, $"seed {Seed}: {mismatches.Count} disagreements:\n" + string.Join("\n", mismatches.Take(5)));
    }

    [Fact]
    public async Task Odd_urls_are_accepted_refused_and_read_alike()
    {
        const string r = "mvines9iiHiQTysrwkJjGf2gb9Ex9jXJX8ns3qwf2kN";
        const string k = "82ZJ7nbGpixjeDCmEhUcmwXYfvurzAgGdtSMuHnUgyny";
        string[] urls =
        [
            $"solana:{r}",
            $"solana:{r}?amount=0",
            $"solana:{r}?amount=007.250&amount=9",
            $"solana:{r}?amount=1.5#frag&label=no",
            $"SOLANA:{r}?label=a+b%20c",
            $" solana:{r}?message=%zz%2",
            $"solana:{r}?memo=%F0%9F%98%80%E2",
            $"solana:{r}?label=&memo=&message=",
            $"solana:{r}?reference={k}&reference={r}&reference={k}",
            $"solana:{r}?&&=x&amount=2&",
            $"solana:{r}?spl-token={k}&amount=0.01",
            $"solana:{r}?amount=1e3",
            $"solana:{r}?amount=.5",
            $"solana:{r}?amount=-0",
            $"solana:{r}?amount=1,5",
            $"solana:{r}?reference=abc",
            $"solana:{r}?spl-token=",
            $"solana:{r}0",
            $"solana:{r}&label=Michael",
            "solana:",
            "solana:?amount=1",
            $"bitcoin:{r}",
            "solana:https%3A%2F%2Fexample.com",
        ];

        var pay = await NodeScript.RunAsync("solana-pay-check.mjs", new { parse = urls });

        var theirs = pay.GetProperty("parse").EnumerateArray().ToArray();
        var mismatches = new List<string>();
        for (var i = 0; i < urls.Length; i++)
        {
            var ours = SolanaPayTransferRequest.TryParse(urls[i], out var request, out var error) ? Describe(request) : "refused: " + error;
            var their = theirs[i].GetProperty("ok").GetBoolean() ? DescribeTheirs(theirs[i]) : "refused: " + theirs[i].GetProperty("error").GetString();
            if (ours.StartsWith("refused", StringComparison.Ordinal) != their.StartsWith("refused", StringComparison.Ordinal)
                || (!ours.StartsWith("refused", StringComparison.Ordinal) && ours != their))
            {
                mismatches.Add($"{urls[i]}\n      ours {ours}\n      @solana/pay {their}");
            }
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public async Task Only_the_decimals_rule_is_stricter_than_parseURL()
    {
        const string url = "solana:mvines9iiHiQTysrwkJjGf2gb9Ex9jXJX8ns3qwf2kN?amount=0.0000000001";

        var pay = await NodeScript.RunAsync("solana-pay-check.mjs", new { parse = new[] { url } });

        Assert.True(pay.GetProperty("parse")[0].GetProperty("ok").GetBoolean()); // parseURL accepts 10 decimals…
        Assert.False(SolanaPayTransferRequest.TryParse(url, out _, out var error)); // …the spec calls it malformed
        Assert.Contains("10 decimals", error);
    }

    [Fact]
    public async Task Large_amounts_are_written_exactly_where_encodeURL_writes_float_noise()
    {
        var request = new SolanaPayTransferRequest(SolanaPublicKey.Parse("mvines9iiHiQTysrwkJjGf2gb9Ex9jXJX8ns3qwf2kN"))
        {
            Lamports = 623_363_424_391_000,
        };

        var pay = await NodeScript.RunAsync("solana-pay-check.mjs", new
        {
            encode = new[] { new { recipient = request.Recipient.ToString(), amount = "623363.424391" } },
        });

        Assert.Equal("solana:mvines9iiHiQTysrwkJjGf2gb9Ex9jXJX8ns3qwf2kN?amount=623363.424391", request.ToUri());
        // @solana/pay 1.0.16: amount.toFixed(10) of the double 623363.424391 — 10 decimals, not the amount asked for.
        Assert.Equal("solana:mvines9iiHiQTysrwkJjGf2gb9Ex9jXJX8ns3qwf2kN?amount=623363.4243909999", pay.GetProperty("encode")[0].GetString());
    }

    private static SolanaPayTransferRequest Generate(Random random)
    {
        var request = new SolanaPayTransferRequest(new SolanaPublicKey(RandomBytes(random)))
        {
            Lamports = random.Next(10) == 0 ? null : Amount(random),
            References = Enumerable.Range(0, random.Next(4)).Select(_ => new SolanaPublicKey(RandomBytes(random))).ToArray(),
            Label = Text(random),
            Message = Text(random),
            Memo = Text(random),
        };
        return request;
    }

    // Below 100 000 SOL: encodeURL writes number.toFixed(10), exact only while the integer digits and 10 decimals fit
    // in the ~15-16 significant digits of a double.
    private static ulong Amount(Random random)
    {
        var decimals = random.Next(0, 10);
        var wholeDigits = random.Next(0, 6);
        var whole = wholeDigits == 0 ? 0 : (ulong)random.NextInt64((long)Math.Pow(10, wholeDigits - 1), (long)Math.Pow(10, wholeDigits));
        var fraction = decimals == 0 ? 0 : (ulong)random.NextInt64(0, (long)Math.Pow(10, decimals));
        return whole * 1_000_000_000 + fraction * (ulong)Math.Pow(10, 9 - decimals);
    }

    private static string? Text(Random random)
    {
        if (random.Next(4) == 0)
        {
            return random.Next(2) == 0 ? null : "";
        }
        var elements = StringInfo.GetTextElementEnumerator(Alphabet);
        var pool = new List<string>();
        while (elements.MoveNext())
        {
            pool.Add(elements.GetTextElement());
        }
        var text = new StringBuilder();
        for (var i = random.Next(1, 20); i > 0; i--)
        {
            text.Append(pool[random.Next(pool.Count)]);
        }
        return text.ToString();
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[32];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string Describe(SolanaPayTransferRequest r) =>
        $"{r.Recipient} lamports={r.Lamports?.ToString(CultureInfo.InvariantCulture) ?? "-"} spl={r.SplToken?.ToString() ?? "-"} "
        + $"refs=[{string.Join(",", r.References)}] label={Show(r.Label)} message={Show(r.Message)} memo={Show(r.Memo)}";

    private static string DescribeTheirs(JsonElement p) =>
        !p.GetProperty("ok").GetBoolean()
            ? "refused: " + p.GetProperty("error").GetString()
            : $"{p.GetProperty("recipient").GetString()} lamports={Text(p, "lamports") ?? "-"} spl={Text(p, "splToken") ?? "-"} "
              + $"refs=[{string.Join(",", p.GetProperty("reference").EnumerateArray().Select(e => e.GetString()))}] "
              + $"label={Show(Text(p, "label"))} message={Show(Text(p, "message"))} memo={Show(Text(p, "memo"))}";

    private static string? Text(JsonElement p, string name) =>
        p.GetProperty(name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    // Empty text is absent on both sides (encodeURL leaves it out, parseURL reads it as undefined).
    private static string Show(string? text) => string.IsNullOrEmpty(text) ? "-" : JsonSerializer.Serialize(text);
}
