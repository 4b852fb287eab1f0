using System.Text;
using System.Web;
using StratosBridge.Fiat.Stripe;

namespace StratosBridge.Tests.Unit.Fiat;

public class StripeFormEncoderTests
{
    private static Dictionary<string, object?> Params(params (string Key, object? Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value);

    [Fact]
    public void A_checkout_session_request_encodes_with_stripes_nested_key_syntax()
    {
        var parameters = Params(
            ("mode", "payment"),
            ("line_items", new object[]
            {
                Params(
                    ("price_data", Params(
                        ("currency", "usd"),
                        ("unit_amount", 1999L),
                        ("product_data", Params(("name", "Ozone pack 10 OZ"))))),
                    ("quantity", 1)),
                Params(("price", "price_123"), ("quantity", 2)),
            }),
            ("metadata", new Dictionary<string, string> { ["quote_id"] = "q_1", ["account"] = "acct 7" }),
            ("expand", new[] { "line_items", "payment_intent" }),
            ("allow_promotion_codes", false),
            ("expires_at", DateTimeOffset.FromUnixTimeSeconds(1_700_000_000)));

        Assert.Equal(
            "mode=payment"
            + "&line_items[0][price_data][currency]=usd"
            + "&line_items[0][price_data][unit_amount]=1999"
            + "&line_items[0][price_data][product_data][name]=Ozone+pack+10+OZ"
            + "&line_items[0][quantity]=1"
            + "&line_items[1][price]=price_123"
            + "&line_items[1][quantity]=2"
            + "&metadata[quote_id]=q_1"
            + "&metadata[account]=acct+7"
            + "&expand[]=line_items"
            + "&expand[]=payment_intent"
            + "&allow_promotion_codes=false"
            + "&expires_at=1700000000",
            StripeFormEncoder.Encode(parameters));
    }

    [Fact]
    public void Flatten_gives_the_readable_pairs_in_order()
    {
        var pairs = StripeFormEncoder.Flatten(Params(
            ("metadata", Params(("quote_id", "q_1"))),
            ("expand", new[] { "line_items" }),
            ("livemode", true)));

        Assert.Equal(
            [new("metadata[quote_id]", "q_1"), new("expand[]", "line_items"), new("livemode", "true")],
            pairs);
    }

    [Theory]
    [InlineData("a b", "a+b")]
    [InlineData("a&b=c+d%e", "a%26b%3Dc%2Bd%25e")]
    [InlineData("https://ex.com/ok?session_id={CHECKOUT_SESSION_ID}#x", "https%3A%2F%2Fex.com%2Fok%3Fsession_id%3D%7BCHECKOUT_SESSION_ID%7D%23x")]
    [InlineData("café ☕", "caf%C3%A9+%E2%98%95")]
    [InlineData("[x]", "%5Bx%5D")]
    [InlineData("safe-._~AZaz09", "safe-._~AZaz09")]
    [InlineData("\"quoted\"\n'line'", "%22quoted%22%0A%27line%27")]
    [InlineData("", "")]
    public void Values_are_percent_encoded_from_utf8(string value, string encoded)
    {
        Assert.Equal("description=" + encoded, StripeFormEncoder.Encode(Params(("description", value))));
    }

    [Fact]
    public void Names_inside_brackets_are_escaped_and_the_structural_brackets_stay_literal()
    {
        var body = StripeFormEncoder.Encode(Params(("metadata", Params(("order ref&x", "1"), ("a[b]", "2")))));
        Assert.Equal("metadata[order+ref%26x]=1&metadata[a%5Bb%5D]=2", body);
    }

    [Fact]
    public void Nulls_and_empty_collections_are_left_out_and_an_empty_string_is_sent_to_unset()
    {
        var body = StripeFormEncoder.Encode(Params(
            ("customer", null),
            ("expand", Array.Empty<string>()),
            ("metadata", new Dictionary<string, object?>()),
            ("description", ""),
            ("payment_intent_data", Params(("setup_future_usage", null), ("description", "x")))));

        Assert.Equal("description=&payment_intent_data[description]=x", body);
    }

    [Fact]
    public void Integers_of_every_width_use_invariant_digits()
    {
        var body = StripeFormEncoder.Encode(Params(("a", -5), ("b", long.MaxValue), ("c", (byte)7), ("d", ulong.MaxValue)));
        Assert.Equal("a=-5&b=9223372036854775807&c=7&d=18446744073709551615", body);
    }

    [Theory]
    [InlineData(1.5d)]
    [InlineData(1.5f)]
    public void Floating_point_is_refused(object value)
    {
        Assert.Throws<ArgumentException>(() => StripeFormEncoder.Encode(Params(("amount", value))));
    }

    [Fact]
    public void Decimals_lists_of_lists_and_empty_names_are_refused()
    {
        Assert.Throws<ArgumentException>(() => StripeFormEncoder.Encode(Params(("amount", 1.5m))));
        Assert.Throws<ArgumentException>(() => StripeFormEncoder.Encode(Params(("x", new[] { new[] { "a" } }))));
        Assert.Throws<ArgumentException>(() => StripeFormEncoder.Encode(Params(("", "a"))));
        Assert.Throws<ArgumentException>(() => StripeFormEncoder.Encode(Params(("metadata", Params(("", "a"))))));
    }

    [Fact]
    public void A_lone_surrogate_is_refused_rather_than_silently_replaced()
    {
        Assert.Throws<EncoderFallbackException>(() => StripeFormEncoder.Encode(Params(("description", "\ud800"))));
    }

    // Differential: an independent decoder (System.Web.HttpUtility) reads back exactly the flat pairs we meant,
    // over many generated keys and values drawn from ASCII punctuation, controls, Latin-1, CJK and astral characters.
    [Fact]
    public void An_independent_form_decoder_reads_back_every_generated_pair()
    {
        var random = new Random(7);
        const string alphabet = "abcXYZ019 -._~!*'()&=+%#?/;:,@$[]{}\"\\<>|^`\t\né☕中𝄞";
        var pool = new List<string>();
        var elements = System.Globalization.StringInfo.GetTextElementEnumerator(alphabet);
        while (elements.MoveNext()) pool.Add(elements.GetTextElement());
        string Text(int min)
        {
            var length = random.Next(min, 12);
            var builder = new StringBuilder();
            for (var i = 0; i < length; i++) builder.Append(pool[random.Next(pool.Count)]);
            return builder.ToString();
        }

        for (var round = 0; round < 500; round++)
        {
            var metadata = new Dictionary<string, object?>();
            for (var i = random.Next(1, 5); i > 0; i--) metadata[Text(1)] = Text(0);
            var parameters = Params(("description", Text(0)), ("metadata", metadata), ("expand", new[] { Text(1) }));

            var decoded = HttpUtility.ParseQueryString(StripeFormEncoder.Encode(parameters), Encoding.UTF8);
            var expected = StripeFormEncoder.Flatten(parameters);

            Assert.Equal(expected.Count, decoded.Keys.Cast<string>().Sum(k => decoded.GetValues(k)!.Length));
            foreach (var (key, value) in expected) Assert.Contains(value, decoded.GetValues(key)!);
        }
    }
}
