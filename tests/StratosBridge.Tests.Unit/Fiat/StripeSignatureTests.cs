using System.Text;
using StratosBridge.Fiat.Stripe;

namespace StratosBridge.Tests.Unit.Fiat;

public class StripeSignatureTests
{
    private const string Secret = "whsec_test_secret";
    private static readonly DateTimeOffset SignedAt = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
    private static readonly byte[] Body = """{"id":"evt_test_webhook","object":"event"}"""u8.ToArray();

    // Computed independently, once, with OpenSSL:
    //   printf '%s' '1700000000.{"id":"evt_test_webhook","object":"event"}' | openssl dgst -sha256 -hmac 'whsec_test_secret'
    private const string OpenSslV1 = "d95c6b7477fbd7e9f90b1b0ef5f9c7ac25abca5382460e0d988c2b2a5b71b990";

    // A non-ASCII body and the second secret of a rotation:
    //   printf '%s' '1700000000.{"id":"evt_1","data":{"object":{"metadata":{"note":"café ☕"}}}}' | openssl dgst -sha256 -hmac 'whsec_rotated'
    private const string OpenSslV1Utf8 = "0741c95868cbc33cdf75e60988d15b328e16c96ba1f984036c6dc61d8c687b9b";

    private static StripeSignature Verifier(DateTimeOffset now) => new(new FixedTimeProvider(now));

    private static StripeSignatureResult Check(string? header, byte[]? body = null, DateTimeOffset? now = null, params string[] secrets) =>
        Verifier(now ?? SignedAt).Verify(header, body ?? Body, secrets.Length == 0 ? [Secret] : secrets);

    [Fact]
    public void Sign_matches_the_openssl_vector()
    {
        Assert.Equal($"t=1700000000,v1={OpenSslV1}", StripeSignature.Sign(Secret, SignedAt, Body));
    }

    [Fact]
    public void The_openssl_vectors_verify()
    {
        Assert.Equal(StripeSignatureResult.Valid, Check($"t=1700000000,v1={OpenSslV1}"));

        var utf8Body = Encoding.UTF8.GetBytes("""{"id":"evt_1","data":{"object":{"metadata":{"note":"café ☕"}}}}""");
        Assert.Equal(StripeSignatureResult.Valid, Check($"t=1700000000,v1={OpenSslV1Utf8}", utf8Body, secrets: ["whsec_old", "whsec_rotated"]));
    }

    [Fact]
    public void A_signed_header_verifies()
    {
        Assert.Equal(StripeSignatureResult.Valid, Check(StripeSignature.Sign(Secret, SignedAt, Body)));
    }

    [Fact]
    public void A_tampered_body_does_not_verify()
    {
        var tampered = """{"id":"evt_test_webhook","object":"event" }"""u8.ToArray();
        Assert.Equal(StripeSignatureResult.NoMatchingSignature, Check(StripeSignature.Sign(Secret, SignedAt, Body), tampered));
    }

    [Fact]
    public void A_tampered_timestamp_does_not_verify()
    {
        Assert.Equal(StripeSignatureResult.NoMatchingSignature, Check($"t=1700000001,v1={OpenSslV1}"));
    }

    [Fact]
    public void The_wrong_secret_does_not_verify()
    {
        Assert.Equal(StripeSignatureResult.NoMatchingSignature, Check(StripeSignature.Sign("whsec_other", SignedAt, Body)));
    }

    [Fact]
    public void Either_secret_of_a_rotation_verifies()
    {
        var header = StripeSignature.Sign("whsec_new", SignedAt, Body);
        Assert.Equal(StripeSignatureResult.Valid, Check(header, secrets: ["whsec_old", "whsec_new"]));
        Assert.Equal(StripeSignatureResult.Valid, Check(StripeSignature.Sign("whsec_old", SignedAt, Body), secrets: ["whsec_old", "whsec_new"]));
        Assert.Equal(StripeSignatureResult.NoMatchingSignature, Check(header, secrets: ["whsec_old"]));
    }

    [Fact]
    public void Any_of_several_v1_values_may_match_and_v0_is_ignored()
    {
        var other = new string('0', 64);
        Assert.Equal(StripeSignatureResult.Valid, Check($"t=1700000000,v1={other},v1={OpenSslV1},v0={other}"));
        Assert.Equal(StripeSignatureResult.Valid, Check($"t=1700000000, v1={OpenSslV1} ,v1=not-hex, scheme=ignored"));
        Assert.Equal(StripeSignatureResult.NoMatchingSignature, Check($"t=1700000000,v1={other},v1=abc,v0={OpenSslV1}"));
    }

    [Fact]
    public void Upper_case_hex_verifies_too()
    {
        Assert.Equal(StripeSignatureResult.Valid, Check($"t=1700000000,v1={OpenSslV1.ToUpperInvariant()}"));
    }

    [Fact]
    public void Only_v0_means_no_v1()
    {
        Assert.Equal(StripeSignatureResult.NoV1Signature, Check($"t=1700000000,v0={OpenSslV1}"));
        Assert.Equal(StripeSignatureResult.NoV1Signature, Check("t=1700000000"));
    }

    [Theory]
    [InlineData(300, StripeSignatureResult.Valid)]
    [InlineData(301, StripeSignatureResult.TimestampOutsideTolerance)]
    [InlineData(-300, StripeSignatureResult.Valid)]
    [InlineData(-301, StripeSignatureResult.TimestampOutsideTolerance)]
    [InlineData(86_400, StripeSignatureResult.TimestampOutsideTolerance)]
    public void The_timestamp_must_be_within_300_seconds_either_way(int nowMinusSignedSeconds, StripeSignatureResult expected)
    {
        var now = SignedAt.AddSeconds(nowMinusSignedSeconds);
        Assert.Equal(expected, Check(StripeSignature.Sign(Secret, SignedAt, Body), now: now));
    }

    [Fact]
    public void A_stale_forgery_reads_as_no_match_not_as_stale()
    {
        Assert.Equal(StripeSignatureResult.NoMatchingSignature, Check(StripeSignature.Sign("whsec_other", SignedAt, Body), now: SignedAt.AddHours(1)));
    }

    [Fact]
    public void The_tolerance_can_be_set_and_follows_the_injected_clock()
    {
        var clock = new FixedTimeProvider(SignedAt);
        var verifier = new StripeSignature(clock, TimeSpan.FromSeconds(10));
        var header = StripeSignature.Sign(Secret, SignedAt, Body);

        Assert.Equal(StripeSignatureResult.Valid, verifier.Verify(header, Body, [Secret]));
        clock.Now = SignedAt.AddSeconds(11);
        Assert.Equal(StripeSignatureResult.TimestampOutsideTolerance, verifier.Verify(header, Body, [Secret]));
        Assert.Equal(TimeSpan.FromSeconds(300), new StripeSignature(clock).Tolerance);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("garbage")]
    [InlineData("v1=d95c6b7477fbd7e9f90b1b0ef5f9c7ac25abca5382460e0d988c2b2a5b71b990")]
    [InlineData("t=,v1=d95c6b7477fbd7e9f90b1b0ef5f9c7ac25abca5382460e0d988c2b2a5b71b990")]
    [InlineData("t=abc,v1=d95c6b7477fbd7e9f90b1b0ef5f9c7ac25abca5382460e0d988c2b2a5b71b990")]
    [InlineData("t=-1700000000,v1=d95c6b7477fbd7e9f90b1b0ef5f9c7ac25abca5382460e0d988c2b2a5b71b990")]
    [InlineData("t=1700000000.5,v1=d95c6b7477fbd7e9f90b1b0ef5f9c7ac25abca5382460e0d988c2b2a5b71b990")]
    [InlineData("t=99999999999999999999,v1=d95c6b7477fbd7e9f90b1b0ef5f9c7ac25abca5382460e0d988c2b2a5b71b990")]
    [InlineData("t=1700000000,t=1700000000,v1=d95c6b7477fbd7e9f90b1b0ef5f9c7ac25abca5382460e0d988c2b2a5b71b990")]
    [InlineData("t=1700000000,,v1=d95c6b7477fbd7e9f90b1b0ef5f9c7ac25abca5382460e0d988c2b2a5b71b990")]
    [InlineData("t=1700000000,v1d95c6b7477fbd7e9f90b1b0ef5f9c7ac25abca5382460e0d988c2b2a5b71b990")]
    [InlineData("t=1700000000;v1=d95c6b7477fbd7e9f90b1b0ef5f9c7ac25abca5382460e0d988c2b2a5b71b990")]
    public void Malformed_headers_are_reported_not_thrown(string? header)
    {
        Assert.Equal(StripeSignatureResult.MalformedHeader, Check(header));
    }

    [Fact]
    public void No_secret_or_an_empty_one_is_a_configuration_error()
    {
        var verifier = Verifier(SignedAt);
        Assert.Throws<ArgumentException>(() => verifier.Verify($"t=1700000000,v1={OpenSslV1}", Body, []));
        Assert.Throws<ArgumentException>(() => verifier.Verify($"t=1700000000,v1={OpenSslV1}", Body, [Secret, ""]));
    }

    [Fact]
    public void Sign_and_verify_agree_on_many_generated_bodies()
    {
        var random = new Random(11);
        for (var i = 0; i < 300; i++)
        {
            var body = new byte[random.Next(0, 2048)];
            random.NextBytes(body);
            var at = DateTimeOffset.FromUnixTimeSeconds(random.NextInt64(0, 4_000_000_000));
            var header = StripeSignature.Sign(Secret, at, body);

            Assert.Equal(StripeSignatureResult.Valid, Verifier(at).Verify(header, body, [Secret]));
            if (body.Length > 0)
            {
                body[random.Next(body.Length)] ^= (byte)(1 << random.Next(8));
                Assert.Equal(StripeSignatureResult.NoMatchingSignature, Verifier(at).Verify(header, body, [Secret]));
            }
        }
    }
}
