using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StratosBridge.TestKit.Stripe;

/// <summary>
/// The fake's Stripe objects, in the shapes of Stripe.net's API version (<see cref="StripeFake.DefaultApiVersion"/>): each
/// starts as a copy of Stripe's published example (<see cref="StripeFixtures"/>) with the fields the fake manages
/// overwritten, the example's nonsense values (shipping costs, an ACH source, …) cleared, and what that version no longer
/// sends removed (a charge's <c>refunds</c> list).
/// </summary>
internal static class StripeFakeObjects
{
    /// <summary>Like Stripe's answers: indented, non-ASCII and HTML characters as they are.</summary>
    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private const string IdAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string NewId(string prefix) => prefix + RandomNumberGenerator.GetString(IdAlphabet, 24);

    /// <summary>A whole number however the node holds it (a number we set, or one parsed from a fixture).</summary>
    public static long Number(JsonNode? node) => node?.Deserialize<long>() ?? throw new InvalidOperationException("expected a number, found null");

    public static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <param name="pageBase">Where the fake serves its hosted checkout page: the session's <c>url</c> is <c>{pageBase}c/pay/{id}</c>.</param>
    public static JsonObject Session(string id, long amount, string currency, string successUrl, string? cancelUrl, string? clientReferenceId,
        JsonObject metadata, long expiresAt, string? customerEmail, Uri pageBase)
    {
        var session = StripeFixtures.Object("checkout.session");
        session["id"] = id;
        session["after_expiration"] = null;
        session["amount_subtotal"] = amount;
        session["amount_total"] = amount;
        session["cancel_url"] = cancelUrl;
        session["client_reference_id"] = clientReferenceId;
        session["collected_information"] = null;
        session["created"] = Now();
        session["currency"] = currency;
        session["currency_conversion"] = null;
        session["customer_details"] = null; // filled in when the buyer completes the session
        session["customer_email"] = customerEmail;
        session["expires_at"] = expiresAt;
        session["invoice_creation"]!["enabled"] = false;
        session["livemode"] = false;
        session["metadata"] = metadata;
        session["mode"] = "payment";
        session["payment_intent"] = null; // created when the session completes
        session["payment_status"] = "unpaid";
        session["shipping_address_collection"] = null;
        session["shipping_cost"] = null;
        session["status"] = "open";
        session["success_url"] = successUrl;
        session["total_details"] = new JsonObject { ["amount_discount"] = 0, ["amount_shipping"] = 0, ["amount_tax"] = 0 };
        session["url"] = new Uri(pageBase, $"c/pay/{id}").ToString();
        return session;
    }

    public static JsonObject CustomerDetails(string email)
    {
        var details = StripeFixtures.Object("checkout.session")["customer_details"]!.DeepClone().AsObject();
        details["email"] = email;
        details["name"] = "Jenny Rosen";
        return details;
    }

    public static JsonObject LineItem(long unitAmount, long quantity, string currency, string productName)
    {
        var amount = unitAmount * quantity;
        var item = StripeFixtures.Object("item");
        item["id"] = NewId("li_");
        item["amount_discount"] = 0;
        item["amount_subtotal"] = amount;
        item["amount_tax"] = 0;
        item["amount_total"] = amount;
        item["currency"] = currency;
        item["description"] = productName;
        item["quantity"] = quantity;
        item["adjustable_quantity"] = null;
        var price = item["price"]!.AsObject();
        price["id"] = NewId("price_");
        price["created"] = Now();
        price["currency"] = currency;
        price["product"] = NewId("prod_");
        price["recurring"] = null;
        price["transform_quantity"] = null;
        price["type"] = "one_time";
        price["unit_amount"] = unitAmount;
        price["unit_amount_decimal"] = unitAmount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return item;
    }

    /// <summary>The charge of a completed session: succeeded when <paramref name="paid"/>, else pending (an asynchronous method).</summary>
    public static JsonObject Charge(JsonObject session, string paymentIntent, JsonObject paymentIntentMetadata, bool paid, string email)
    {
        var charge = StripeFixtures.Object("charge");
        var id = NewId("ch_");
        var amount = Number(session["amount_total"]);
        charge["id"] = id;
        charge["amount"] = amount;
        charge["amount_captured"] = paid ? amount : 0;
        charge["amount_refunded"] = 0;
        charge["balance_transaction"] = paid ? NewId("txn_") : null;
        charge["billing_details"]!["email"] = email;
        charge["captured"] = paid;
        charge["created"] = Now();
        charge["currency"] = session["currency"]!.DeepClone();
        charge["description"] = null;
        charge["disputed"] = false;
        charge["metadata"] = paymentIntentMetadata.DeepClone(); // Stripe copies the PaymentIntent's metadata to its charges
        charge["outcome"] = new JsonObject
        {
            ["network_status"] = "approved_by_network", ["reason"] = null, ["risk_level"] = "normal",
            ["seller_message"] = "Payment complete.", ["type"] = "authorized",
        };
        charge["paid"] = paid;
        charge["payment_intent"] = paymentIntent;
        charge["payment_method"] = NewId("pm_");
        charge["refunded"] = false;
        charge.Remove("refunds"); // since API version 2022-11-15 a charge lists its refunds only when expanded
        charge["source"] = null;
        charge["status"] = paid ? "succeeded" : "pending";
        charge["transfer_data"] = null;
        return charge;
    }

    public static JsonObject Refund(JsonObject charge, long amount, string? reason, JsonObject metadata)
    {
        var refund = StripeFixtures.Object("refund");
        refund["id"] = NewId("re_");
        refund["amount"] = amount;
        refund["balance_transaction"] = NewId("txn_");
        refund["charge"] = charge["id"]!.DeepClone();
        refund["created"] = Now();
        refund["currency"] = charge["currency"]!.DeepClone();
        refund["metadata"] = metadata;
        refund["payment_intent"] = charge["payment_intent"]!.DeepClone();
        refund["reason"] = reason;
        refund["status"] = "succeeded";
        return refund;
    }

    public static JsonObject Dispute(JsonObject charge)
    {
        var dispute = StripeFixtures.Object("dispute");
        dispute["id"] = NewId("dp_");
        dispute["amount"] = charge["amount"]!.DeepClone();
        dispute["charge"] = charge["id"]!.DeepClone();
        dispute["created"] = Now();
        dispute["currency"] = charge["currency"]!.DeepClone();
        dispute["evidence_details"]!["due_by"] = Now() + 7 * 24 * 3600;
        dispute["is_charge_refundable"] = false;
        dispute["livemode"] = false;
        dispute["payment_intent"] = charge["payment_intent"]!.DeepClone();
        dispute["payment_method_details"]!["card"]!["case_type"] = "chargeback";
        dispute["reason"] = "fraudulent";
        dispute["status"] = "needs_response";
        return dispute;
    }

    /// <summary>
    /// An event about <paramref name="snapshot"/> (copied as it is now). Events caused by an API request name it and its
    /// Idempotency-Key in <c>request</c>; the others (a buyer paying, a bank, a card network) have nulls there.
    /// </summary>
    public static StripeFakeEvent Event(string type, JsonObject snapshot, string apiVersion, JsonObject? previousAttributes = null,
        string? requestId = null, string? idempotencyKey = null)
    {
        var e = StripeFixtures.Object("event");
        var id = NewId("evt_");
        e["id"] = id;
        e["api_version"] = apiVersion;
        e["created"] = Now();
        var data = new JsonObject { ["object"] = snapshot.DeepClone() };
        if (previousAttributes is not null)
        {
            data["previous_attributes"] = previousAttributes;
        }
        e["data"] = data;
        e["livemode"] = false;
        e["pending_webhooks"] = 1;
        e["request"] = new JsonObject { ["id"] = requestId, ["idempotency_key"] = idempotencyKey };
        e["type"] = type;
        return new StripeFakeEvent(id, type, (string)snapshot["id"]!, e.ToJsonString(Json));
    }

    /// <summary>Stripe's error object; <c>doc_url</c> follows the code, as Stripe's does.</summary>
    public static string Error(string type, string message, string? param = null, string? code = null)
    {
        var error = new JsonObject();
        if (code is not null)
        {
            error["code"] = code;
            error["doc_url"] = $"https://stripe.com/docs/error-codes/{code.Replace('_', '-')}";
        }
        error["message"] = message;
        if (param is not null)
        {
            error["param"] = param;
        }
        error["type"] = type;
        return new JsonObject { ["error"] = error }.ToJsonString(Json);
    }
}
