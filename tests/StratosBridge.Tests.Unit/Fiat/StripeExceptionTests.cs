using System.Net;
using StratosBridge.Fiat.Stripe;

namespace StratosBridge.Tests.Unit.Fiat;

/// <summary>Error bodies shaped like the examples in Stripe's error documentation (https://docs.stripe.com/api/errors).</summary>
public class StripeExceptionTests
{
    private const string CardDeclined = """
        {
          "error": {
            "charge": "ch_3LmzzQ2eZvKYlo2C0XjzUzJV",
            "code": "card_declined",
            "decline_code": "insufficient_funds",
            "doc_url": "https://stripe.com/docs/error-codes/card-declined",
            "message": "Your card has insufficient funds.",
            "payment_intent": { "id": "pi_3LmzzQ2eZvKYlo2C0Wm8bLHa", "object": "payment_intent", "amount": 2000 },
            "request_log_url": "https://dashboard.stripe.com/test/logs/req_xyz?t=1666000000",
            "type": "card_error"
          }
        }
        """;

    private const string NoSuchSession = """
        {
          "error": {
            "code": "resource_missing",
            "doc_url": "https://stripe.com/docs/error-codes/resource-missing",
            "message": "No such checkout.session: 'cs_test_123'",
            "param": "session",
            "request_log_url": "https://dashboard.stripe.com/test/logs/req_abc?t=1666000000",
            "type": "invalid_request_error"
          }
        }
        """;

    [Fact]
    public void A_card_decline_keeps_code_decline_code_message_status_and_request_id()
    {
        var e = StripeException.FromResponse(HttpStatusCode.PaymentRequired, "req_xyz", CardDeclined);

        Assert.Equal(StripeErrorType.CardError, e.Type);
        Assert.Equal(HttpStatusCode.PaymentRequired, e.StatusCode);
        Assert.Equal("req_xyz", e.RequestId);
        Assert.Equal(
            new StripeError(StripeErrorType.CardError, "card_error", "card_declined", "insufficient_funds",
                "Your card has insufficient funds.", null, "https://stripe.com/docs/error-codes/card-declined"),
            e.Error);
        Assert.False(e.IsRetryable);
        Assert.False(e.IsNetworkError);
        Assert.Equal("Stripe answered HTTP 402 card_error (card_declined, insufficient_funds): Your card has insufficient funds. [request req_xyz]", e.Message);
    }

    [Fact]
    public void An_invalid_request_keeps_its_param()
    {
        var e = StripeException.FromResponse(HttpStatusCode.NotFound, "req_abc", NoSuchSession);

        Assert.Equal(StripeErrorType.InvalidRequestError, e.Type);
        Assert.Equal("resource_missing", e.Error!.Code);
        Assert.Equal("session", e.Error.Param);
        Assert.Null(e.Error.DeclineCode);
        Assert.False(e.IsRetryable);
    }

    [Theory]
    [InlineData("api_error", 500, StripeErrorType.ApiError, true)]
    [InlineData("api_error", 503, StripeErrorType.ApiError, true)]
    [InlineData("card_error", 402, StripeErrorType.CardError, false)]
    [InlineData("idempotency_error", 400, StripeErrorType.IdempotencyError, false)]
    [InlineData("idempotency_error", 409, StripeErrorType.IdempotencyError, false)]
    [InlineData("invalid_request_error", 400, StripeErrorType.InvalidRequestError, false)]
    [InlineData("rate_limit_error", 429, StripeErrorType.RateLimitError, false)]
    [InlineData("authentication_error", 401, StripeErrorType.AuthenticationError, false)]
    [InlineData("permission_error", 403, StripeErrorType.PermissionError, false)]
    [InlineData("some_future_error", 400, StripeErrorType.Unknown, false)]
    public void Every_documented_type_maps_and_only_5xx_retries(string type, int status, StripeErrorType expected, bool retryable)
    {
        var body = $$$"""{"error":{"type":"{{{type}}}","message":"m"}}""";
        var e = StripeException.FromResponse((HttpStatusCode)status, "req_1", body);

        Assert.Equal(expected, e.Type);
        Assert.Equal(type, e.Error!.TypeName);
        Assert.Equal(retryable, e.IsRetryable);
    }

    [Theory]
    [InlineData("<html><body>502 Bad Gateway</body></html>", 502, true)]
    [InlineData("", 500, true)]
    [InlineData(null, 503, true)]
    [InlineData("""{"message":"not Stripe's shape"}""", 400, false)]
    [InlineData("""{"error":"a string"}""", 400, false)]
    [InlineData("[1,2]", 400, false)]
    public void A_body_that_is_not_stripes_error_object_still_gives_a_typed_exception(string? body, int status, bool retryable)
    {
        var e = StripeException.FromResponse((HttpStatusCode)status, null, body);

        Assert.Equal(StripeErrorType.Unknown, e.Type);
        Assert.NotNull(e.Error);
        Assert.Null(e.Error!.Message);
        Assert.Null(e.RequestId);
        Assert.Equal(retryable, e.IsRetryable);
        Assert.Contains($"HTTP {status}", e.Message);
    }

    [Fact]
    public void A_network_failure_is_retryable_and_has_no_status()
    {
        var inner = new HttpRequestException("Connection refused");
        var e = StripeException.FromNetworkFailure(inner);

        Assert.True(e.IsNetworkError);
        Assert.True(e.IsRetryable);
        Assert.Null(e.StatusCode);
        Assert.Null(e.Error);
        Assert.Equal(StripeErrorType.Unknown, e.Type);
        Assert.Same(inner, e.InnerException);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData(null, null)]
    [InlineData("maybe", null)]
    public void The_stripe_should_retry_header_is_kept_but_does_not_change_is_retryable(string? header, bool? expected)
    {
        var e = StripeException.FromResponse(HttpStatusCode.Conflict, "req_1", """{"error":{"type":"invalid_request_error","code":"lock_timeout"}}""", header);

        Assert.Equal(expected, e.ShouldRetryHeader);
        Assert.False(e.IsRetryable);
    }
}
