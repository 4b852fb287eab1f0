using System.Globalization;
using System.Numerics;
using System.Text.Json;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Stratos;
using StratosBridge.Chains.Stratos.Prepay;
using StratosBridge.TestKit;

namespace StratosBridge.Tests.Unit.Stratos;

/// <summary>
/// Our MsgPrepay Any (Google.Protobuf) against cosmjs-types 0.11.0's protobuf writer and reader
/// (ops/tools/scripts/cosmjs-prepay.mjs), one node process: on generated messages the bytes are identical, each side
/// decodes the other's bytes to the same fields, and messages a prepay must not be (other denoms, several coins,
/// another type URL) are refused by our decoder as cosmjs writes them.
/// </summary>
public class StratosPrepayDifferentialTests
{
    private const int Cases = 2000;

    [Fact]
    public async Task Encoding_and_decoding_agree_with_cosmjs_types_on_generated_prepays()
    {
        var random = new Random(Seed());
        var cases = Enumerable.Range(0, Cases).Select(i => new PrepayMessage(Account(random, i), Account(random, i + 1), Amount(random, i))).ToList();
        var ours = cases.Select(c => StratosPrepay.EncodeAny(c.Sender, c.Beneficiary, c.Wei)).ToList();

        var theirs = await NodeScript.RunAsync("cosmjs-prepay.mjs", new
        {
            encode = cases.Select(c => Fields(StratosSystemContract.MsgPrepayTypeUrl, c.Sender, c.Beneficiary, ("wei", Text(c.Wei)))),
            decode = ours.Select(b => Convert.ToHexStringLower(b)),
        });

        var encoded = theirs.GetProperty("encoded").EnumerateArray().Select(e => e.GetString()!).ToList();
        var decoded = theirs.GetProperty("decoded").EnumerateArray().ToList();
        var mismatches = new List<string>();
        for (var i = 0; i < cases.Count; i++)
        {
            if (encoded[i] != Convert.ToHexStringLower(ours[i]))
            {
                mismatches.Add($"encode {cases[i]}:\n  ours   {Convert.ToHexStringLower(ours[i])}\n  cosmjs {encoded[i]}");
            }
            var expected = Describe(StratosSystemContract.MsgPrepayTypeUrl, Bech(cases[i].Sender), Bech(cases[i].Beneficiary), [("wei", Text(cases[i].Wei))]);
            if (DescribeTheirs(decoded[i]) != expected)
            {
                mismatches.Add($"cosmjs decodes our {cases[i]} as {DescribeTheirs(decoded[i])}");
            }
            if (!StratosPrepay.TryDecodeAny(Convert.FromHexString(encoded[i]), out var back, out var error) || back != cases[i])
            {
                mismatches.Add($"we decode cosmjs's {cases[i]} as {back?.ToString() ?? error}");
            }
        }
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} disagreements with cosmjs-types (seed {Seed()}):\n" + string.Join("\n", mismatches.Take(5)));
    }

    [Fact]
    public async Task Messages_cosmjs_writes_that_are_not_one_wei_coin_of_MsgPrepay_are_refused()
    {
        var random = new Random(Seed() + 1);
        var (sender, beneficiary) = (Account(random, 7), Account(random, 8));
        (string Reason, object Fields)[] foreign =
        [
            ("type URL", Fields("/stratos.sds.v1.MsgFileUpload", sender, beneficiary, ("wei", "5"))),
            ("type URL", Fields("/cosmos.bank.v1beta1.MsgSend", sender, beneficiary, ("wei", "5"))),
            ("0 coins", Fields(StratosSystemContract.MsgPrepayTypeUrl, sender, beneficiary)),
            ("2 coins", Fields(StratosSystemContract.MsgPrepayTypeUrl, sender, beneficiary, ("wei", "5"), ("ustos", "5"))),
            ("denom", Fields(StratosSystemContract.MsgPrepayTypeUrl, sender, beneficiary, ("WEI", "5"))),
            ("denom", Fields(StratosSystemContract.MsgPrepayTypeUrl, sender, beneficiary, ("", "5"))),
            ("amount", Fields(StratosSystemContract.MsgPrepayTypeUrl, sender, beneficiary, ("wei", "0"))),
            ("amount", Fields(StratosSystemContract.MsgPrepayTypeUrl, sender, beneficiary, ("wei", "-5"))),
            ("amount", Fields(StratosSystemContract.MsgPrepayTypeUrl, sender, beneficiary, ("wei", Text(BigInteger.One << 256)))),
            ("sender", new { typeUrl = StratosSystemContract.MsgPrepayTypeUrl, sender = "", beneficiary = Bech(beneficiary), amount = new[] { new { denom = "wei", amount = "5" } } }),
            ("beneficiary", new { typeUrl = StratosSystemContract.MsgPrepayTypeUrl, sender = Bech(sender), beneficiary = beneficiary.ToLowerHex(), amount = new[] { new { denom = "wei", amount = "5" } } }),
        ];

        var theirs = await NodeScript.RunAsync("cosmjs-prepay.mjs", new { encode = foreign.Select(f => f.Fields) });

        var encoded = theirs.GetProperty("encoded").EnumerateArray().Select(e => e.GetString()!).ToList();
        for (var i = 0; i < foreign.Length; i++)
        {
            Assert.False(StratosPrepay.TryDecodeAny(Convert.FromHexString(encoded[i]), out _, out var error), $"accepted {encoded[i]}");
            Assert.Contains(foreign[i].Reason, error);
        }
    }

    /// <summary>Edge accounts (zero, all 0xff) now and then, random ones otherwise.</summary>
    private static EthAddress Account(Random random, int i)
    {
        var bytes = new byte[EthAddress.Length];
        if (i % 97 == 1)
        {
            Array.Fill(bytes, (byte)0xff);
        }
        else if (i % 97 != 0)
        {
            random.NextBytes(bytes);
        }
        return EthAddress.FromBytes(bytes);
    }

    /// <summary>1, 2^256 − 1, powers of ten around each digit count (the lengths cross the 127/128 varint boundary), random bit lengths.</summary>
    private static BigInteger Amount(Random random, int i) => (i % 10) switch
    {
        0 => BigInteger.One,
        1 => StratosPrepay.MaxAmount,
        2 => BigInteger.Pow(10, i / 10 % 78),
        3 => BigInteger.Max(BigInteger.One, BigInteger.Pow(10, 1 + i / 10 % 77) - 1),
        _ => RandomBits(random, random.Next(1, 257)),
    };

    private static BigInteger RandomBits(Random random, int bits)
    {
        var bytes = new byte[bits / 8 + 2];
        random.NextBytes(bytes);
        bytes[^1] = 0;
        var value = new BigInteger(bytes) & ((BigInteger.One << bits) - 1);
        return value.IsZero ? BigInteger.One : value;
    }

    private static object Fields(string typeUrl, EthAddress sender, EthAddress beneficiary, params (string Denom, string Amount)[] coins) => new
    {
        typeUrl, sender = Bech(sender), beneficiary = Bech(beneficiary), amount = coins.Select(c => new { denom = c.Denom, amount = c.Amount }),
    };

    private static string Describe(string typeUrl, string sender, string beneficiary, IEnumerable<(string Denom, string Amount)> coins) =>
        $"{typeUrl} {sender} → {beneficiary}: {string.Join(",", coins.Select(c => c.Amount + c.Denom))}";

    private static string DescribeTheirs(JsonElement decoded) => decoded.TryGetProperty("error", out var error)
        ? "error " + error.GetString()
        : Describe(decoded.GetProperty("typeUrl").GetString()!, decoded.GetProperty("sender").GetString()!, decoded.GetProperty("beneficiary").GetString()!,
            decoded.GetProperty("amount").EnumerateArray().Select(c => (c.GetProperty("denom").GetString()!, c.GetProperty("amount").GetString()!)));

    private static string Bech(EthAddress address) => StratosAddress.FromEvm(address).Bech32;

    private static string Text(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);

    private static int Seed() =>
        Environment.GetEnvironmentVariable("EVM_DIFF_SEED") is { Length: > 0 } text ? int.Parse(text, CultureInfo.InvariantCulture) : 2048;
}
