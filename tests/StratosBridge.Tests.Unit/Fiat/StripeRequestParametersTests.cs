using StratosBridge.Fiat.Stripe;

namespace StratosBridge.Tests.Unit.Fiat;

public class StripeRequestParametersTests
{
    private static readonly DateTimeOffset ExpiresAt = DateTimeOffset.FromUnixTimeSeconds(1_700_003_600);

    private static CheckoutSessionCreate Checkout(string? description = "1 000 OZ for 0x12…ab", string? email = "ops@business.example",
        Dictionary<string, string>? metadata = null) =>
        new(2500, "USD", "Ozone pack", description, "https://business.example/ok?session={CHECKOUT_SESSION_ID}", "https://business.example/cancel",
            "quote-42", metadata ?? new Dictionary<string, string> { ["quote_id"] = "quote-42", ["account_id"] = "7" }, ExpiresAt, email);

    [Fact]
    public void A_checkout_session_sends_exactly_these_fields_in_this_order()
    {
        Assert.Equal(
        [
            new("mode", "payment"),
            new("line_items[0][price_data][currency]", "usd"),
            new("line_items[0][price_data][unit_amount]", "2500"),
            new("line_items[0][price_data][product_data][name]", "Ozone pack"),
            new("line_items[0][price_data][product_data][description]", "1 000 OZ for 0x12…ab"),
            new("line_items[0][quantity]", "1"),
            new("success_url", "https://business.example/ok?session={CHECKOUT_SESSION_ID}"),
            new("cancel_url", "https://business.example/cancel"),
            new("client_reference_id", "quote-42"),
            new("metadata[quote_id]", "quote-42"),
            new("metadata[account_id]", "7"),
            new("payment_intent_data[metadata][quote_id]", "quote-42"),
            new("payment_intent_data[metadata][account_id]", "7"),
            new("expires_at", "1700003600"),
            new("customer_email", "ops@business.example"),
        ], StripeFormEncoder.Flatten(Checkout().ToParameters()));
    }

    [Fact]
    public void A_checkout_session_body_is_form_encoded()
    {
        var body = StripeFormEncoder.Encode(Checkout(description: null, email: null, metadata: new Dictionary<string, string> { ["q"] = "a&b" }).ToParameters());
        Assert.Equal(
            "mode=payment&line_items[0][price_data][currency]=usd&line_items[0][price_data][unit_amount]=2500"
            + "&line_items[0][price_data][product_data][name]=Ozone+pack&line_items[0][quantity]=1"
            + "&success_url=https%3A%2F%2Fbusiness.example%2Fok%3Fsession%3D%7BCHECKOUT_SESSION_ID%7D"
            + "&cancel_url=https%3A%2F%2Fbusiness.example%2Fcancel&client_reference_id=quote-42"
            + "&metadata[q]=a%26b&payment_intent_data[metadata][q]=a%26b&expires_at=1700003600",
            body);
    }

    [Fact]
    public void Without_description_email_or_metadata_those_fields_are_left_out()
    {
        var keys = StripeFormEncoder.Flatten(Checkout(description: null, email: null, metadata: []).ToParameters()).Select(p => p.Key).ToList();
        Assert.Equal(
        [
            "mode", "line_items[0][price_data][currency]", "line_items[0][price_data][unit_amount]",
            "line_items[0][price_data][product_data][name]", "line_items[0][quantity]", "success_url", "cancel_url", "client_reference_id",
            "expires_at",
        ], keys);
    }

    [Fact]
    public void A_refund_sends_the_payment_intent_and_what_is_given()
    {
        Assert.Equal(
            [new("payment_intent", "pi_1"), new("amount", "500"), new("reason", "requested_by_customer"), new("metadata[case]", "c-9")],
            StripeFormEncoder.Flatten(new RefundCreate("pi_1", 500, "requested_by_customer", new Dictionary<string, string> { ["case"] = "c-9" }).ToParameters()));
        Assert.Equal([new("payment_intent", "pi_1")], StripeFormEncoder.Flatten(new RefundCreate("pi_1", null, null, null).ToParameters()));
    }
}
