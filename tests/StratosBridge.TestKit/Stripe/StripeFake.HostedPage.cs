using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http;
using static StratosBridge.TestKit.Stripe.StripeFakeObjects;

namespace StratosBridge.TestKit.Stripe;

/// <summary>
/// The fake's hosted checkout page, where a session's <c>url</c> leads (<c>GET /c/pay/{id}</c>): the buyer sees the
/// product and amount and picks what happens (<c>POST /c/pay/{id}</c>, field <c>choice</c>) — <c>pay</c> (the card is
/// charged), <c>decline</c> (the bank refuses: the session stays open), <c>later-paid</c> or <c>later-failed</c> (an
/// asynchronous method: the session completes unpaid, and after <see cref="StripeFakeOptions.AsyncPaymentDelay"/> the
/// bank's answer comes) — or cancels; the buyer is then sent to the session's <c>success_url</c> (or <c>cancel_url</c>).
/// While <see cref="WebhookEndpoint"/> is set, every event the fake makes (the page's, and refunds made through the API)
/// goes to it, signed, in the background as Stripe sends it (tried again a few times while it does not answer 2xx).
/// </summary>
public sealed partial class StripeFake
{
    public const string ChoicePay = "pay";
    public const string ChoiceDecline = "decline";
    public const string ChoiceLaterPaid = "later-paid";
    public const string ChoiceLaterFailed = "later-failed";

    private const int DeliveryAttempts = 8;

    private readonly List<Task> _deliveries = [];

    private IResult PageAsync(string id)
    {
        lock (_gate)
        {
            return _sessions.TryGetValue(id, out var session) ? Page(session, null) : NotFoundPage(id);
        }
    }

    private async Task<IResult> ChooseAsync(string id, HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var choice = form["choice"].ToString();
        string successUrl;
        lock (_gate)
        {
            if (!_sessions.TryGetValue(id, out var session))
            {
                return NotFoundPage(id);
            }
            if ((string?)session.Json["status"] != "open")
            {
                return Page(session, "This checkout is no longer open.");
            }
            if (choice == "cancel")
            {
                return Results.Redirect((string?)session.Json["cancel_url"] ?? (string)session.Json["success_url"]!);
            }
            if (choice == ChoiceDecline)
            {
                Say($"checkout {id}: the card was declined (the session stays open)");
                return Page(session, "Your card was declined. Try again, or choose another way to pay.");
            }
            if (choice is not (ChoicePay or ChoiceLaterPaid or ChoiceLaterFailed))
            {
                return Page(session, $"Unknown choice '{choice}'.");
            }
            successUrl = ((string)session.Json["success_url"]!).Replace("{CHECKOUT_SESSION_ID}", id, StringComparison.Ordinal);
        }
        CompleteSession(id, paid: choice == ChoicePay); // its event goes to the webhook endpoint (Record)
        Say($"checkout {id}: {choice}");
        if (choice != ChoicePay)
        {
            Track(Task.Run(async () =>
            {
                await Task.Delay(_options.AsyncPaymentDelay);
                Say($"checkout {id}: the bank answers the later payment");
                _ = choice == ChoiceLaterPaid ? SucceedAsyncPayment(id) : FailAsyncPayment(id);
            }));
        }
        return Results.Redirect(successUrl);
    }

    /// <summary>Every event the fake makes goes, while <see cref="WebhookEndpoint"/> is set, to it in the background, as Stripe sends them.</summary>
    private void SendIfListening(StripeFakeEvent e)
    {
        if (WebhookEndpoint is not null)
        {
            Track(Task.Run(() => DeliverWithRetriesAsync(e)));
        }
    }

    private void Track(Task task)
    {
        lock (_gate)
        {
            _deliveries.RemoveAll(t => t.IsCompleted);
            _deliveries.Add(task);
        }
    }

    private async Task DeliverWithRetriesAsync(StripeFakeEvent e)
    {
        if (WebhookEndpoint is not { } endpoint)
        {
            return;
        }
        for (var attempt = 1; attempt <= DeliveryAttempts; attempt++)
        {
            try
            {
                using var response = await DeliverAsync(e, endpoint);
                Say($"{e.Type} {e.Id} delivered to {endpoint}: {(int)response.StatusCode}");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException x)
            {
                Say($"{e.Type} {e.Id} not delivered to {endpoint} (attempt {attempt}): {x.Message}");
            }
            await Task.Delay(TimeSpan.FromSeconds(attempt));
        }
    }

    private void Say(string line) => _options.Log?.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss} stripe fake: {line}");

    private static IResult NotFoundPage(string id) =>
        Results.Content(Html("Checkout not found", $"<p>No checkout session {WebUtility.HtmlEncode(id)}.</p>"), "text/html; charset=utf-8",
            statusCode: 404);

    private static IResult Page(SessionState session, string? notice)
    {
        var json = session.Json;
        var id = (string)json["id"]!;
        var amount = Number(json["amount_total"]).ToString(CultureInfo.InvariantCulture);
        var dollars = $"{Number(json["amount_total"]) / 100}.{Number(json["amount_total"]) % 100:00}";
        var currency = ((string)json["currency"]!).ToUpperInvariant();
        var product = WebUtility.HtmlEncode((string?)session.LineItem["description"] ?? "");
        var status = $"{json["status"]}/{json["payment_status"]}";
        var body = $"""
            <p class="product">{product}</p>
            <p class="amount" data-cents="{amount}">{dollars} {currency}</p>
            <p class="status">session {WebUtility.HtmlEncode(id)}: {WebUtility.HtmlEncode(status)}</p>
            {(notice is null ? "" : $"<p class=\"notice\">{WebUtility.HtmlEncode(notice)}</p>")}
            <form method="post">
              <button name="choice" value="{ChoicePay}">Pay {dollars} {currency} (card 4242 4242 4242 4242)</button>
              <button name="choice" value="{ChoiceDecline}">Pay with a card that is declined</button>
              <button name="choice" value="{ChoiceLaterPaid}">Pay later: the bank confirms</button>
              <button name="choice" value="{ChoiceLaterFailed}">Pay later: the bank refuses</button>
              <button name="choice" value="cancel">Cancel</button>
            </form>
            """;
        return Results.Content(Html("Pay — Stripe fake (devnet)", body), "text/html; charset=utf-8");
    }

    private static string Html(string title, string body) => $"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>{title}</title>
        <style>body{"{"}font-family:sans-serif;max-width:32rem;margin:3rem auto{"}"} button{"{"}display:block;margin:.5rem 0;padding:.5rem 1rem;width:100%{"}"} .amount{"{"}font-size:2rem{"}"}</style>
        </head><body><h1>{title}</h1>
        <p><em>A local stand-in for Stripe Checkout: no card is charged, nothing leaves this machine.</em></p>
        {body}
        </body></html>
        """;
}
