using System.Text.Json;
using System.Text.Json.Nodes;
using StratosBridge.Fiat.Stripe;
using StratosBridge.TestKit.Stripe;

namespace StratosBridge.Tests.Unit.Fiat;

/// <summary>The parsers read Stripe's own published example objects (TestKit Stripe/Fixtures/README.md names the source).</summary>
public class StripeObjectParsingTests
{
    private const string FixtureSessionId = "cs_test_a1YS1URlnyQCN5fUUduORoQ7Pw41PJqDWkIVQCpJPqkfIhd6tVY8XB1OLY";

    private static JsonElement Element(JsonNode node) => JsonDocument.Parse(node.ToJsonString()).RootElement;

    [Fact]
    public void The_published_checkout_session_reads_by_stripes_field_names()
    {
        var session = CheckoutSession.Parse(Element(StripeFixtures.Object("checkout.session")));

        Assert.Equal(FixtureSessionId, session.Id);
        Assert.Equal(("open", "unpaid"), (session.Status, session.PaymentStatus));
        Assert.Null(session.AmountTotal);
        Assert.Null(session.Currency);
        Assert.Equal("pi_1PgafyB7WZ01zgkWSjxsAJo3", session.PaymentIntent);
        Assert.Null(session.ClientReferenceId);
        Assert.Empty(session.Metadata);
        Assert.Equal($"https://checkout.stripe.com/pay/c/{FixtureSessionId}", session.Url);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1234567890), session.Created);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1234567890), session.ExpiresAt);
        Assert.Equal("example@example.com", session.CustomerEmail); // customer_email is null: customer_details.email
        Assert.Empty(session.LineItems);
        Assert.False(session.Livemode);
    }

    [Fact]
    public void A_paid_session_with_expanded_line_items_and_payment_intent_reads_fully()
    {
        var json = StripeFixtures.Object("checkout.session");
        json["amount_total"] = 2500;
        json["currency"] = "usd";
        json["payment_status"] = "paid";
        json["status"] = "complete";
        json["client_reference_id"] = "quote-42";
        json["customer_email"] = "ops@business.example";
        json["metadata"] = new JsonObject { ["quote_id"] = "quote-42", ["account"] = "7" };
        var paymentIntent = new JsonObject { ["id"] = "pi_expanded", ["object"] = "payment_intent", ["amount"] = 2500 };
        json["payment_intent"] = paymentIntent;
        var item = StripeFixtures.Object("item");
        json["line_items"] = new JsonObject { ["object"] = "list", ["data"] = new JsonArray(item), ["has_more"] = false, ["url"] = "/v1/x" };

        var session = CheckoutSession.Parse(Element(json));

        Assert.Equal((2500L, "usd", "complete", "paid"), (session.AmountTotal!.Value, session.Currency, session.Status, session.PaymentStatus));
        Assert.Equal("pi_expanded", session.PaymentIntent);
        Assert.Equal("quote-42", session.ClientReferenceId);
        Assert.Equal("ops@business.example", session.CustomerEmail); // given at creation: wins over customer_details
        Assert.Equal(new Dictionary<string, string> { ["quote_id"] = "quote-42", ["account"] = "7" }, session.Metadata);
        Assert.Equal([new CheckoutLineItem("li_1Pgc73B7WZ01zgkWx8kcmZPK", "T-shirt", 0, "usd", 1)], session.LineItems);
    }

    [Fact]
    public void The_published_checkout_line_item_reads()
    {
        Assert.Equal(new CheckoutLineItem("li_1Pgc73B7WZ01zgkWx8kcmZPK", "T-shirt", 0, "usd", 1),
            CheckoutLineItem.Parse(Element(StripeFixtures.Object("item"))));
    }

    [Fact]
    public void An_invoice_line_item_is_not_taken_for_a_checkout_line_item()
    {
        var e = Assert.Throws<FormatException>(() => CheckoutLineItem.Parse(Element(StripeFixtures.Object("line_item"))));
        Assert.Equal("expected a Stripe item object, got object 'line_item'", e.Message);
    }

    [Fact]
    public void The_published_refund_reads()
    {
        Assert.Equal(new Refund("re_1Pgc72B7WZ01zgkWqPvrRrPE", 100, "usd", "ch_1PgafuB7WZ01zgkWXYmPNZs8", null, "succeeded"),
            Refund.Parse(Element(StripeFixtures.Object("refund"))));
    }

    [Fact]
    public void A_refund_with_an_expanded_charge_takes_its_id()
    {
        var json = StripeFixtures.Object("refund");
        json["charge"] = StripeFixtures.Object("charge");
        json["payment_intent"] = "pi_1";
        var refund = Refund.Parse(Element(json));
        Assert.Equal(("ch_1PgafuB7WZ01zgkWXYmPNZs8", "pi_1"), (refund.Charge, refund.PaymentIntent));
    }

    [Fact]
    public void The_published_event_reads_with_its_object()
    {
        var e = StripeEvent.Parse(System.Text.Encoding.UTF8.GetBytes(StripeFixtures.Json("event")));

        Assert.Equal(("evt_1Pgc76B7WZ01zgkWwyRHS12y", "plan.created"), (e.Id, e.Type));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1234567890), e.Created);
        Assert.Null(e.ApiVersion);
        Assert.False(e.Livemode);
        Assert.Equal("price_1PgafmB7WZ01zgkW6dKueIc5", e.ObjectId);
        Assert.Equal(2000, e.DataObject.GetProperty("amount").GetInt64());
    }

    [Fact]
    public void An_event_about_a_session_gives_the_session_snapshot()
    {
        var json = StripeFixtures.Object("event");
        json["type"] = "checkout.session.completed";
        json["api_version"] = "2024-06-20";
        json["data"] = new JsonObject { ["object"] = StripeFixtures.Object("checkout.session") };

        var e = StripeEvent.Parse(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()));

        Assert.Equal(("checkout.session.completed", "2024-06-20", FixtureSessionId), (e.Type, e.ApiVersion, e.ObjectId));
        Assert.Equal(FixtureSessionId, CheckoutSession.Parse(e.DataObject).Id);
    }

    [Theory]
    [InlineData("amount_total", "\"2500\"", "checkout.session.amount_total is not an integer: \"2500\"")]
    [InlineData("status", "null", "checkout.session.status is missing or null; expected a string")]
    [InlineData("created", "1.5", "checkout.session.created is not an integer: 1.5")]
    [InlineData("expires_at", "-1", "checkout.session.expires_at is not a Unix time in seconds: -1")]
    [InlineData("livemode", "\"false\"", "checkout.session.livemode is not true or false: \"false\"")]
    [InlineData("metadata", "{\"n\":1}", "checkout.session.metadata.n is not a string: 1")]
    [InlineData("payment_intent", "{\"object\":\"payment_intent\"}", "checkout.session.payment_intent.id is missing or null; expected a string")]
    [InlineData("payment_intent", "42", "checkout.session.payment_intent is not an id or an expanded object: 42")]
    [InlineData("line_items", "[]", "expected a Stripe list object, got a JSON Array")]
    [InlineData("object", "\"payment_intent\"", "expected a Stripe checkout.session object, got object 'payment_intent'")]
    public void A_session_field_of_the_wrong_shape_is_named(string field, string value, string message)
    {
        var json = StripeFixtures.Object("checkout.session");
        json[field] = JsonNode.Parse(value);

        var e = Assert.Throws<FormatException>(() => CheckoutSession.Parse(Element(json)));
        Assert.Equal(message, e.Message);
    }

    [Theory]
    [InlineData("", "must be JSON")]
    [InlineData("not json", "must be JSON")]
    [InlineData("{\"id\":\"evt_1\"", "must be JSON")]
    [InlineData("[1,2]", "expected a Stripe event object, got a JSON Array")]
    [InlineData("\"evt_1\"", "expected a Stripe event object, got a JSON String")]
    [InlineData("{\"id\":\"cs_1\",\"object\":\"checkout.session\"}", "expected a Stripe event object, got object 'checkout.session'")]
    [InlineData("{\"id\":\"evt_1\",\"type\":\"x\",\"created\":1,\"livemode\":false,\"data\":{\"object\":{}}}", "expected a Stripe event object, got object '(none)'")]
    [InlineData("{\"object\":\"event\",\"id\":\"evt_1\",\"type\":\"x\",\"created\":1,\"livemode\":false}", "event.data is missing or not an object")]
    [InlineData("{\"object\":\"event\",\"id\":\"evt_1\",\"type\":\"x\",\"created\":1,\"livemode\":false,\"data\":{\"object\":\"cs_1\"}}", "event.data.object is missing or not an object")]
    [InlineData("{\"object\":\"event\",\"type\":\"x\",\"created\":1,\"livemode\":false,\"data\":{\"object\":{}}}", "event.id is missing or null; expected a string")]
    [InlineData("{\"object\":\"event\",\"id\":\"evt_1\",\"created\":1,\"livemode\":false,\"data\":{\"object\":{}}}", "event.type is missing or null; expected a string")]
    [InlineData("{\"object\":\"event\",\"id\":\"evt_1\",\"type\":\"x\",\"created\":\"1\",\"livemode\":false,\"data\":{\"object\":{}}}", "event.created is not an integer: \"1\"")]
    [InlineData("{\"object\":\"event\",\"id\":\"evt_1\",\"type\":\"x\",\"created\":1,\"data\":{\"object\":{}}}", "event.livemode is missing or null; expected true or false")]
    public void Anything_that_is_not_an_event_object_is_a_format_error_that_says_why(string body, string message)
    {
        var e = Assert.Throws<FormatException>(() => StripeEvent.Parse(System.Text.Encoding.UTF8.GetBytes(body)));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void An_event_object_without_an_id_has_no_object_id()
    {
        var e = StripeEvent.Parse("""{"object":"event","id":"evt_1","type":"x","created":1,"livemode":true,"data":{"object":{"object":"balance"}}}"""u8);
        Assert.Null(e.ObjectId);
        Assert.True(e.Livemode);
    }
}
