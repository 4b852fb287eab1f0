using Microsoft.Extensions.Options;
using StratosBridge.Fiat.StripeApi;

namespace StratosBridge.Tests.Unit.Fiat;

/// <summary>Our use of Stripe.net's webhook checks: secrets tried in turn, the tolerance both ways, the API version, against OpenSSL's HMACs.</summary>
public class StripeWebhookVerifierTests
{
    private static readonly DateTimeOffset SignedAt = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private const string Body =
        """{"id":"evt_test_webhook","object":"event","api_version":"2026-10-28.endive","created":1700000000,"type":"charge.refunded","data":{"object":{"id":"ch_1","object":"charge","metadata":{"note":"café ☕"}}}}""";

    // Computed independently with OpenSSL: printf '%s' "1700000000.$Body" | openssl dgst -sha256 -hmac 'whsec_rotated'
    private const string OpenSslV1 = "d09b1ebd9a5ce199b1b8e60151f5f63c790ee16c269f1f4047378ccdf73f5919";

    private const string OldBody =
        """{"id":"evt_old","object":"event","api_version":"2024-06-20","created":1700000000,"type":"charge.refunded","data":{"object":{"id":"ch_1","object":"charge"}}}""";

    // printf '%s' "1700000000.$OldBody" | openssl dgst -sha256 -hmac 'whsec_rotated'
    private const string OpenSslOldV1 = "e34fcbda82ac9319d686f8f1d0d0f21f3491d97020188f721f269f43faa7b24d";

    private static StripeWebhookVerdict Verify(string? header, string body = Body, DateTimeOffset? now = null, int toleranceSeconds = 300,
        params string[] secrets) =>
        new StripeWebhookVerifier(Options.Create(new StripeOptions
            {
                WebhookSecrets = secrets.Length == 0 ? ["whsec_old", "whsec_rotated"] : [.. secrets],
                WebhookTolerance = TimeSpan.FromSeconds(toleranceSeconds),
            }), new FixedTimeProvider(now ?? SignedAt))
            .Verify(header, body);

    [Fact]
    public void The_openssl_vector_verifies_with_the_second_secret_of_a_rotation_and_the_event_is_read()
    {
        var verdict = Verify($"t=1700000000,v1={OpenSslV1}");

        Assert.Equal(StripeSignatureResult.Valid, verdict.Result);
        Assert.Equal(("evt_test_webhook", "charge.refunded"), (verdict.Event!.Id, verdict.Event.Type));
        Assert.Equal("ch_1", Assert.IsType<Stripe.Charge>(verdict.Event.Data.Object).Id);
    }

    [Fact]
    public void Without_the_signing_secret_or_with_a_changed_body_or_timestamp_nothing_verifies()
    {
        Assert.Equal(StripeSignatureResult.NoMatchingSignature, Verify($"t=1700000000,v1={OpenSslV1}", secrets: ["whsec_old"]).Result);
        Assert.Equal(StripeSignatureResult.NoMatchingSignature, Verify($"t=1700000000,v1={OpenSslV1}", Body.Replace("ch_1", "ch_2")).Result);
        Assert.Equal(StripeSignatureResult.NoMatchingSignature, Verify($"t=1700000001,v1={OpenSslV1}").Result);
        Assert.Equal(StripeSignatureResult.NoMatchingSignature, Verify($"t=1700000000,v0={OpenSslV1}").Result);
    }

    [Theory]
    [InlineData(-300, StripeSignatureResult.Valid)]
    [InlineData(300, StripeSignatureResult.Valid)]
    [InlineData(301, StripeSignatureResult.TimestampOutsideTolerance)]
    [InlineData(-301, StripeSignatureResult.TimestampOutsideTolerance)]
    public void The_timestamp_must_be_within_the_tolerance_either_way(int nowMinusSignedSeconds, StripeSignatureResult expected)
    {
        Assert.Equal(expected, Verify($"t=1700000000,v1={OpenSslV1}", now: SignedAt.AddSeconds(nowMinusSignedSeconds)).Result);
    }

    [Fact]
    public void The_tolerance_is_the_configured_one()
    {
        Assert.Equal(StripeSignatureResult.TimestampOutsideTolerance,
            Verify($"t=1700000000,v1={OpenSslV1}", now: SignedAt.AddSeconds(31), toleranceSeconds: 30).Result);
        Assert.Equal(StripeSignatureResult.Valid, Verify($"t=1700000000,v1={OpenSslV1}", now: SignedAt.AddSeconds(30), toleranceSeconds: 30).Result);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v1=abc")]
    [InlineData("garbage")]
    public void Malformed_headers_are_reported_not_thrown(string? header)
    {
        Assert.Equal(StripeSignatureResult.MalformedHeader, Verify(header).Result);
    }

    [Fact]
    public void An_authentic_event_of_another_api_version_is_refused_with_the_sdks_reason()
    {
        var verdict = Verify($"t=1700000000,v1={OpenSslOldV1}", OldBody);

        Assert.Equal(StripeSignatureResult.OtherApiVersion, verdict.Result);
        Assert.Equal(("evt_old", "2024-06-20"), (verdict.Event!.Id, verdict.Event.ApiVersion));
        Assert.Contains(StripeOptions.SdkApiVersion, verdict.Detail);
        Assert.Equal("2026-10-28.endive", StripeOptions.SdkApiVersion);
    }

    [Fact]
    public void An_authentic_body_that_is_not_an_event_is_said_so()
    {
        const string notAnEvent = "[1, 2, 3]";
        var header = Stripe.EventUtility.GenerateSignatureHeader(notAnEvent, "whsec_old", SignedAt.ToUnixTimeSeconds());

        Assert.Equal(StripeSignatureResult.NotAnEvent, Verify(header, notAnEvent).Result);
    }
}
