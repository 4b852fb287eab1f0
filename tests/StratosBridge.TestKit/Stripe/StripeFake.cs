using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Stripe;
using static StratosBridge.TestKit.Stripe.StripeFakeObjects;

namespace StratosBridge.TestKit.Stripe;

/// <summary>
/// A local stand-in for the Stripe endpoints StratosBridge uses, on 127.0.0.1 and a port the kernel picks:
/// <c>POST /v1/checkout/sessions</c>, <c>GET /v1/checkout/sessions/{id}</c> (<c>expand[0]=line_items</c>, as Stripe.net sends it),
/// <c>GET /v1/checkout/sessions</c> (Stripe's list object, newest first, <c>limit</c>, <c>starting_after</c>, <c>ending_before</c>,
/// <c>status</c>, <c>payment_intent</c>), <c>POST /v1/refunds</c> and <c>GET /v1/events/{id}</c>, answering with objects shaped
/// like Stripe's published examples (<see cref="StripeFixtures"/>) and with Stripe's error objects.
/// </summary>
/// <remarks>
/// Like Stripe, it checks the Bearer key (401), refuses unknown or invalid parameters (400 <c>invalid_request_error</c>
/// naming the <c>param</c>), and honours <c>Idempotency-Key</c> on POSTs: the same key and parameters replay the first
/// successful answer (<c>Idempotent-Replayed: true</c>) without doing anything again; the same key with other parameters is a
/// 400 <c>idempotency_error</c>. (Stripe also replays errors raised after an endpoint started; the fake has none.)
/// Scenario actions (<see cref="CompleteSession"/>, <see cref="RefundCharge"/>, …) change the state as a buyer, a bank
/// or a card network would, and return the event Stripe would send, which <see cref="DeliverAsync"/> posts, signed, to
/// a webhook endpoint. <see cref="FailNext"/> answers requests with <c>api_error</c> before they do anything;
/// <see cref="DropNext"/> does them and then drops the connection, so the caller never sees the answer (the case an
/// Idempotency-Key exists for). Started and stopped by the test.
/// </remarks>
public sealed partial class StripeFake : IAsyncDisposable
{
    /// <summary>The API version of Stripe.net, whose shapes the fake answers in and whose events it produces.</summary>
    public static string DefaultApiVersion => StripeConfiguration.ApiVersion;

    public const string SignatureHeader = "Stripe-Signature";

    private const string ApiErrorMessage =
        "Sorry, something went wrong. We've already been notified of the problem, but if you need any help, you can reach us at support.stripe.com/contact.";

    private const string LineItem = "line_items[0]";
    private const string PriceData = "line_items[0][price_data]";

    private readonly Lock _gate = new();
    private readonly List<StripeFakeRequest> _requests = [];
    private readonly List<StripeFakeEvent> _events = [];
    private readonly Dictionary<string, StripeFakeEvent> _eventsById = new(StringComparer.Ordinal);
    private readonly List<string> _sessionIds = [];
    private readonly Dictionary<string, SessionState> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _sessionByPaymentIntent = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Fingerprint, Answer Answer)> _idempotent = new(StringComparer.Ordinal);
    private readonly HttpClient _webhooks = new() { Timeout = TimeSpan.FromSeconds(30) };
    private WebApplication? _app;
    private int _failCount;
    private int _failStatus = 500;
    private int _dropCount;

    private readonly StripeFakeOptions _options;

    private StripeFake(StripeFakeOptions options)
    {
        _options = options;
        ApiVersion = options.ApiVersion ?? DefaultApiVersion;
        SecretKey = options.SecretKey ?? NewId("sk_test_");
        WebhookSecret = options.WebhookSecret ?? NewId("whsec_");
        WebhookEndpoint = options.WebhookEndpoint;
    }

    /// <summary>The API root to configure as <c>Stripe:BaseUrl</c> (ends with '/').</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The only key the fake accepts (a fresh <c>sk_test_…</c> per fake unless the options name one).</summary>
    public string SecretKey { get; }

    /// <summary>The secret the fake signs webhooks with (a fresh <c>whsec_…</c> per fake unless the options name one).</summary>
    public string WebhookSecret { get; }

    /// <summary>Where the hosted checkout page's events are delivered (signed, retried a few times); null: only recorded.</summary>
    public Uri? WebhookEndpoint { get; set; }

    /// <summary>The <c>api_version</c> of the events it produces.</summary>
    public string ApiVersion { get; }

    /// <summary>Every request received so far, in order of arrival.</summary>
    public IReadOnlyList<StripeFakeRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Every event produced so far (by scenario actions and by <c>POST /v1/refunds</c>), oldest first.</summary>
    public IReadOnlyList<StripeFakeEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>The Checkout Sessions created so far, oldest first.</summary>
    public IReadOnlyList<string> SessionIds
    {
        get
        {
            lock (_gate)
            {
                return [.. _sessionIds];
            }
        }
    }

    public static async Task<StripeFake> StartAsync(StripeFakeOptions? options = null)
    {
        var fake = new StripeFake(options ?? new StripeFakeOptions());
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{fake._options.Port}");
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        app.MapGet("/c/pay/{id}", fake.PageAsync);
        app.MapPost("/c/pay/{id}", fake.ChooseAsync);
        app.Map("/{**path}", fake.HandleAsync);
        await app.StartAsync();
        fake._app = app;
        fake.BaseUrl = new Uri(app.Urls.Single().TrimEnd('/') + "/");
        return fake;
    }

    /// <summary>Configuration keys pointing <c>AddStripe</c> at this fake.</summary>
    public Dictionary<string, string?> Configuration() => new()
    {
        ["Stripe:BaseUrl"] = BaseUrl.ToString(),
        ["Stripe:SecretKey"] = SecretKey,
        ["Stripe:WebhookSecrets:0"] = WebhookSecret,
    };

    /// <summary>The session as the fake has it now (a copy, without line items).</summary>
    public JsonObject Session(string sessionId)
    {
        lock (_gate)
        {
            return Find(sessionId).Json.DeepClone().AsObject();
        }
    }

    /// <summary>The next <paramref name="count"/> requests get <paramref name="status"/> with Stripe's <c>api_error</c> object and do nothing.</summary>
    public void FailNext(int count, int status = 500)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 400);
        lock (_gate)
        {
            (_failCount, _failStatus) = (count, status);
        }
    }

    /// <summary>The next <paramref name="count"/> requests are carried out, then their connection is aborted before any answer.</summary>
    public void DropNext(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_gate)
        {
            _dropCount = count;
        }
    }

    /// <summary>The buyer pays: the session completes (<c>payment_status</c> paid, or unpaid for an asynchronous method), with a PaymentIntent and a charge.</summary>
    public StripeFakeEvent CompleteSession(string sessionId, bool paid = true)
    {
        lock (_gate)
        {
            var session = Expect(sessionId, "open", "unpaid");
            var paymentIntent = NewId("pi_");
            var email = (string?)session.Json["customer_email"] ?? "jenny.rosen@example.com";
            session.Charge = Charge(session.Json, paymentIntent, session.PaymentIntentMetadata, paid, email);
            _sessionByPaymentIntent[paymentIntent] = sessionId;
            session.Json["status"] = "complete";
            session.Json["payment_status"] = paid ? "paid" : "unpaid";
            session.Json["payment_intent"] = paymentIntent;
            session.Json["customer_details"] = CustomerDetails(email);
            session.Json["url"] = null;
            return Record(Event("checkout.session.completed", session.Json, ApiVersion));
        }
    }

    /// <summary>An asynchronous payment of a completed, unpaid session arrives.</summary>
    public StripeFakeEvent SucceedAsyncPayment(string sessionId)
    {
        lock (_gate)
        {
            var session = Expect(sessionId, "complete", "unpaid");
            var charge = session.Charge!;
            charge["status"] = "succeeded";
            charge["paid"] = true;
            charge["captured"] = true;
            charge["amount_captured"] = charge["amount"]!.DeepClone();
            charge["balance_transaction"] = NewId("txn_");
            session.Json["payment_status"] = "paid";
            return Record(Event("checkout.session.async_payment_succeeded", session.Json, ApiVersion));
        }
    }

    /// <summary>An asynchronous payment of a completed, unpaid session fails; the session stays unpaid.</summary>
    public StripeFakeEvent FailAsyncPayment(string sessionId)
    {
        lock (_gate)
        {
            var session = Expect(sessionId, "complete", "unpaid");
            var charge = session.Charge!;
            charge["status"] = "failed";
            charge["failure_code"] = "insufficient_funds";
            charge["failure_message"] = "The customer's account has insufficient funds to cover this payment.";
            return Record(Event("checkout.session.async_payment_failed", session.Json, ApiVersion));
        }
    }

    /// <summary>An open session expires unpaid.</summary>
    public StripeFakeEvent ExpireSession(string sessionId)
    {
        lock (_gate)
        {
            var session = Expect(sessionId, "open", "unpaid");
            session.Json["status"] = "expired";
            session.Json["url"] = null;
            return Record(Event("checkout.session.expired", session.Json, ApiVersion));
        }
    }

    /// <summary>Refunds the session's charge (what is left of it, by default) from the Dashboard: a <c>re_…</c> refund and <c>charge.refunded</c>.</summary>
    public StripeFakeEvent RefundCharge(string sessionId, long? amount = null)
    {
        lock (_gate)
        {
            try
            {
                return Refund(Find(sessionId), amount, null, [], null, null).Event;
            }
            catch (Refusal refusal)
            {
                throw new InvalidOperationException($"Stripe would refuse this refund: {refusal.Message}");
            }
        }
    }

    /// <summary>The buyer's bank disputes the session's charge: a dispute (needs_response) and <c>charge.dispute.created</c>.</summary>
    public StripeFakeEvent OpenDispute(string sessionId)
    {
        lock (_gate)
        {
            var session = Find(sessionId);
            if (session.Charge is not { } charge || (string?)charge["status"] != "succeeded" || session.Dispute is not null)
            {
                throw new InvalidOperationException($"session {sessionId} has no succeeded, undisputed charge");
            }
            session.Dispute = Dispute(charge);
            charge["disputed"] = true;
            return Record(Event("charge.dispute.created", session.Dispute, ApiVersion));
        }
    }

    /// <summary>The dispute of the session's charge is decided: <c>charge.dispute.closed</c>, status won or lost.</summary>
    public StripeFakeEvent CloseDispute(string sessionId, bool won)
    {
        lock (_gate)
        {
            var session = Find(sessionId);
            if (session.Dispute is not { } dispute || (string?)dispute["status"] is "won" or "lost")
            {
                throw new InvalidOperationException($"session {sessionId} has no open dispute");
            }
            var previous = new JsonObject { ["status"] = dispute["status"]!.DeepClone() };
            dispute["status"] = won ? "won" : "lost";
            return Record(Event("charge.dispute.closed", dispute, ApiVersion, previous));
        }
    }

    /// <summary>
    /// Posts <paramref name="e"/> to a webhook endpoint as Stripe does (<c>Stripe-Signature: t=…,v1=…</c> over the exact
    /// body bytes), or spoiled as <paramref name="tamper"/> says. The caller disposes the answer.
    /// </summary>
    public async Task<HttpResponseMessage> DeliverAsync(StripeFakeEvent e, Uri endpoint, WebhookTamper tamper = WebhookTamper.None,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(endpoint);
        var body = e.Json;
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var signature = tamper switch
        {
            WebhookTamper.None or WebhookTamper.BodyChangedAfterSigning => Sign(WebhookSecret, now, body),
            WebhookTamper.WrongSecret => Sign(NewId("whsec_"), now, body),
            WebhookTamper.Stale => Sign(WebhookSecret, now - 301, body),
            WebhookTamper.NoSignature => null,
            _ => throw new ArgumentOutOfRangeException(nameof(tamper), tamper, null),
        };
        var sent = tamper == WebhookTamper.BodyChangedAfterSigning ? Encoding.UTF8.GetBytes(JsonNode.Parse(body)!.ToJsonString()) : e.Body;
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(sent) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.UserAgent.ParseAdd("Stripe/1.0 (+https://stripe.com/docs/webhooks)");
        if (signature is not null)
        {
            request.Headers.Add(SignatureHeader, signature);
        }
        return await _webhooks.SendAsync(request, ct);
    }

    /// <summary><c>t=…,v1=…</c> over <paramref name="body"/> as Stripe makes it (Stripe.net's <see cref="EventUtility.GenerateSignatureHeader"/>).</summary>
    public static string Sign(string secret, long unixSeconds, string body) => EventUtility.GenerateSignatureHeader(body, secret, unixSeconds);

    /// <summary>
    /// Delivers <paramref name="events"/> in the order given, the whole sequence <paramref name="times"/> times (so each
    /// event arrives <paramref name="times"/> times), and returns the endpoint's status codes in delivery order.
    /// </summary>
    public async Task<IReadOnlyList<HttpStatusCode>> DeliverAllAsync(IEnumerable<StripeFakeEvent> events, Uri endpoint, int times = 1,
        CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        var list = events.ToList();
        var statuses = new List<HttpStatusCode>();
        for (var round = 0; round < times; round++)
        {
            foreach (var e in list)
            {
                using var response = await DeliverAsync(e, endpoint, WebhookTamper.None, ct);
                statuses.Add(response.StatusCode);
            }
        }
        return statuses;
    }

    public async ValueTask DisposeAsync()
    {
        Task[] deliveries;
        lock (_gate)
        {
            deliveries = [.. _deliveries];
        }
        await Task.WhenAll(deliveries).WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(_ => { }, TaskScheduler.Default);
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        _webhooks.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var http = context.Request;
        var form = http.HasFormContentType ? await http.ReadFormAsync(context.RequestAborted) : null;
        var request = new StripeFakeRequest(http.Method, http.Path.Value ?? "/", Pairs(http.Query), form is null ? [] : Pairs(form),
            Header(http, "Idempotency-Key"), Header(http, "Stripe-Version"));
        var requestId = NewId("req_");
        Answer answer;
        var drop = false;
        lock (_gate)
        {
            _requests.Add(request);
            if (_failCount > 0)
            {
                _failCount--;
                answer = new Answer(_failStatus, Error("api_error", ApiErrorMessage));
            }
            else
            {
                if (_dropCount > 0)
                {
                    _dropCount--;
                    drop = true;
                }
                answer = Unauthorized(Header(http, "Authorization")) ?? Execute(request, requestId);
            }
        }
        if (drop)
        {
            context.Abort();
            return;
        }
        var response = context.Response;
        response.StatusCode = answer.Status;
        response.ContentType = "application/json";
        response.Headers["Request-Id"] = requestId;
        response.Headers["Stripe-Version"] = request.StripeVersion ?? ApiVersion;
        if (answer.Replayed)
        {
            response.Headers["Idempotent-Replayed"] = "true";
        }
        await response.WriteAsync(answer.Body, context.RequestAborted);
    }

    private Answer? Unauthorized(string? authorization)
    {
        if (authorization == $"Bearer {SecretKey}")
        {
            return null;
        }
        var key = authorization is not null && authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization[7..].Trim() : "";
        return new Answer(401, Error("invalid_request_error", key.Length == 0
            ? "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/."
            : $"Invalid API Key provided: {Masked(key)}"));
    }

    private Answer Execute(StripeFakeRequest request, string requestId)
    {
        try
        {
            return (request.Method, request.Path.Trim('/').Split('/')) switch
            {
                ("POST", ["v1", "checkout", "sessions"]) => Idempotent(request, () => CreateSession(request)),
                ("GET", ["v1", "checkout", "sessions"]) => new Answer(200, ListSessions(request)),
                ("GET", ["v1", "checkout", "sessions", var id]) => new Answer(200, Render(Find(id, "session", 404), Expand(request))),
                ("POST", ["v1", "refunds"]) => Idempotent(request, () => CreateRefund(request, requestId)),
                ("GET", ["v1", "events", var id]) => _eventsById.TryGetValue(id, out var e)
                    ? new Answer(200, e.Json)
                    : throw new Refusal(404, $"No such event: '{id}'", "id", "resource_missing"),
                _ => throw new Refusal(404,
                    $"Unrecognized request URL ({request.Method}: {request.Path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/."),
            };
        }
        catch (Refusal refusal)
        {
            return new Answer(refusal.Status, Error(refusal.Type, refusal.Message, refusal.Param, refusal.Code));
        }
    }

    private Answer Idempotent(StripeFakeRequest request, Func<string> execute)
    {
        if (request.IdempotencyKey is not { } key)
        {
            return new Answer(200, execute());
        }
        var fingerprint = $"{request.Method} {request.Path}\n" + string.Join("\n",
            request.Form.Select(p => $"{p.Key}={p.Value}").Order(StringComparer.Ordinal));
        if (_idempotent.TryGetValue(key, out var saved))
        {
            return saved.Fingerprint == fingerprint
                ? saved.Answer with { Replayed = true }
                : throw new Refusal(400,
                    $"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{key}' if you meant to execute a different request.",
                    type: "idempotency_error");
        }
        var answer = new Answer(200, execute());
        _idempotent[key] = (fingerprint, answer);
        return answer;
    }

    private string CreateSession(StripeFakeRequest request)
    {
        RefuseUnknown(request, CheckoutParameters());
        var mode = Required(request, "mode");
        if (mode != "payment")
        {
            throw new Refusal(400, mode is "setup" or "subscription"
                ? $"The Stripe fake serves mode=payment only, not {mode}."
                : "Invalid mode: must be one of payment, setup, or subscription", "mode", "parameter_invalid_string");
        }
        var currency = Required(request, $"{PriceData}[currency]").ToLowerInvariant();
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterLower))
        {
            throw new Refusal(400, $"Invalid currency: {currency}. Stripe currently supports these currencies: usd, eur, gbp, …",
                $"{PriceData}[currency]", "parameter_invalid_string");
        }
        var unitAmount = Integer(request, $"{PriceData}[unit_amount]", min: 1) ?? throw Missing($"{PriceData}[unit_amount]");
        var name = Required(request, $"{PriceData}[product_data][name]");
        var quantity = Integer(request, $"{LineItem}[quantity]", min: 1) ?? throw Missing($"{LineItem}[quantity]");
        var successUrl = Url(request, "success_url") ?? throw Missing("success_url");
        var cancelUrl = Url(request, "cancel_url");
        var now = Now();
        var expiresAt = Integer(request, "expires_at", min: 0) ?? now + 24 * 3600;
        if (expiresAt < now + 30 * 60)
        {
            throw new Refusal(400, "The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.", "expires_at");
        }
        if (expiresAt > now + 24 * 3600)
        {
            throw new Refusal(400, "The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.", "expires_at");
        }
        var email = request.Field("customer_email");
        if (email is not null && !IsEmail(email))
        {
            throw new Refusal(400, $"Invalid email address: {email}", "customer_email", "email_invalid");
        }
        var reference = request.Field("client_reference_id");
        if (reference is { Length: 0 or > 200 })
        {
            throw new Refusal(400, "client_reference_id must be 1 to 200 characters.", "client_reference_id", "parameter_invalid_string");
        }
        var expand = Expand(request);
        var amount = unitAmount * quantity;
        var id = NewId("cs_test_");
        var session = new SessionState(
            StripeFakeObjects.Session(id, amount, currency, successUrl, cancelUrl, reference, Metadata(request, "metadata"), expiresAt, email, BaseUrl),
            StripeFakeObjects.LineItem(unitAmount, quantity, currency, name),
            Metadata(request, "payment_intent_data[metadata]"));
        _sessions[id] = session;
        _sessionIds.Add(id);
        return Render(session, expand);
    }

    /// <summary>
    /// <c>GET /v1/checkout/sessions</c> as Stripe answers it (docs.stripe.com/api/checkout/sessions/list): a list object
    /// (<c>object</c>, <c>url</c>, <c>has_more</c>, <c>data</c>) of sessions, newest first; <c>limit</c> 1–100 (default 10);
    /// <c>starting_after</c> (older than that session) or <c>ending_before</c> (newer than it), a session id; filtered by
    /// <c>status</c> (open, complete, expired) and <c>payment_intent</c>. Sessions created in the same second keep the order
    /// they were created in.
    /// </summary>
    private string ListSessions(StripeFakeRequest request)
    {
        if (request.Query.FirstOrDefault(p => !ListParameters().IsMatch(p.Key)).Key is { } unknown)
        {
            throw new Refusal(400, $"Received unknown parameter: {unknown}", unknown, "parameter_unknown");
        }
        string? Query(string name) => request.Query.Where(p => p.Key == name).Select(p => p.Value).FirstOrDefault();
        var limit = 10L;
        if (Query("limit") is { } text)
        {
            limit = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                ? parsed is >= 1 and <= 100 ? parsed : throw new Refusal(400, "This value must be between 1 and 100.", "limit", "parameter_invalid_integer")
                : throw new Refusal(400, $"Invalid integer: {text}", "limit", "parameter_invalid_integer");
        }
        var status = Query("status");
        if (status is not (null or "open" or "complete" or "expired"))
        {
            throw new Refusal(400, "Invalid status: must be one of complete, expired, or open", "status", "parameter_invalid_string");
        }
        var paymentIntent = Query("payment_intent");
        var (after, before) = (Query("starting_after"), Query("ending_before"));
        if (after is not null && before is not null)
        {
            throw new Refusal(400, "You may only specify one of these parameters: ending_before, starting_after.");
        }
        var newestFirst = _sessionIds.Select((id, i) => (Id: id, Index: i, Created: Number(_sessions[id].Json["created"])))
            .OrderByDescending(s => s.Created).ThenByDescending(s => s.Index).Select(s => s.Id).ToList();
        var matching = newestFirst.Where(id => (status is null || (string?)_sessions[id].Json["status"] == status)
                                               && (paymentIntent is null || (string?)_sessions[id].Json["payment_intent"] == paymentIntent)).ToList();
        List<string> page;
        bool hasMore;
        if (before is not null)
        {
            var at = Cursor(newestFirst, before, "ending_before");
            var newer = matching.Where(id => newestFirst.IndexOf(id) < at).ToList();
            page = newer.TakeLast((int)limit).ToList(); // the page right before the cursor, still newest first
            hasMore = newer.Count > page.Count;
        }
        else
        {
            var at = after is null ? -1 : Cursor(newestFirst, after, "starting_after");
            var older = matching.Where(id => newestFirst.IndexOf(id) > at).ToList();
            page = older.Take((int)limit).ToList();
            hasMore = older.Count > page.Count;
        }
        return new JsonObject
        {
            ["object"] = "list",
            ["url"] = "/v1/checkout/sessions",
            ["has_more"] = hasMore,
            ["data"] = new JsonArray([.. page.Select(id => (JsonNode)_sessions[id].Json.DeepClone())]),
        }.ToJsonString(Json);
    }

    /// <summary>The cursor session's place, newest first (it need not match the filters, but it must exist).</summary>
    private int Cursor(List<string> newestFirst, string cursor, string param) =>
        _sessions.ContainsKey(cursor)
            ? newestFirst.IndexOf(cursor)
            : throw new Refusal(400, $"No such checkout.session: '{cursor}'", param, "resource_missing");

    private string CreateRefund(StripeFakeRequest request, string requestId)
    {
        RefuseUnknown(request, RefundParameters());
        var paymentIntent = Required(request, "payment_intent");
        if (!_sessionByPaymentIntent.TryGetValue(paymentIntent, out var sessionId))
        {
            throw new Refusal(400, $"No such payment_intent: '{paymentIntent}'", "payment_intent", "resource_missing");
        }
        var amount = Integer(request, "amount", min: 1);
        var reason = request.Field("reason");
        if (reason is not null and not ("duplicate" or "fraudulent" or "requested_by_customer"))
        {
            throw new Refusal(400, "Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer", "reason",
                "parameter_invalid_string");
        }
        var (refund, _) = Refund(_sessions[sessionId], amount, reason, Metadata(request, "metadata"), requestId, request.IdempotencyKey);
        return refund.ToJsonString(Json);
    }

    private (JsonObject Refund, StripeFakeEvent Event) Refund(SessionState session, long? amount, string? reason, JsonObject metadata,
        string? requestId, string? idempotencyKey)
    {
        if (session.Charge is not { } charge || (string?)charge["status"] != "succeeded")
        {
            throw new Refusal(400, $"This PaymentIntent ({session.Json["payment_intent"]}) does not have a successful charge to refund.",
                "payment_intent", "charge_not_refundable");
        }
        var (total, refunded) = (Number(charge["amount"]), Number(charge["amount_refunded"]));
        if (refunded >= total)
        {
            throw new Refusal(400, $"Charge {charge["id"]} has already been refunded.", code: "charge_already_refunded");
        }
        var value = amount ?? total - refunded;
        if (value > total - refunded)
        {
            throw new Refusal(400, $"Refund amount ({value}) is greater than unrefunded amount on charge ({total - refunded})", "amount",
                "amount_too_large");
        }
        var refund = StripeFakeObjects.Refund(charge, value, reason, metadata);
        var previous = new JsonObject { ["amount_refunded"] = refunded, ["refunded"] = false };
        charge["amount_refunded"] = refunded + value;
        charge["refunded"] = refunded + value == total;
        return (refund, Record(Event("charge.refunded", charge, ApiVersion, previous, requestId, idempotencyKey)));
    }

    private static string Render(SessionState session, IReadOnlyList<string> expand)
    {
        var json = session.Json.DeepClone().AsObject();
        if (expand.Contains("line_items"))
        {
            json["line_items"] = new JsonObject
            {
                ["object"] = "list",
                ["data"] = new JsonArray(session.LineItem.DeepClone()),
                ["has_more"] = false,
                ["url"] = $"/v1/checkout/sessions/{json["id"]}/line_items",
            };
        }
        return json.ToJsonString(Json);
    }

    private static List<string> Expand(StripeFakeRequest request)
    {
        // Stripe.net sends expand[0]=…, expand[1]=…; curl users write expand[]=…: Stripe takes both
        var expand = request.Query.Concat(request.Form).Where(p => ExpandParameter().IsMatch(p.Key)).Select(p => p.Value).ToList();
        return expand.FirstOrDefault(f => f != "line_items") is { } field
            ? throw new Refusal(400, $"This property cannot be expanded ({field}).", "expand", "parameter_invalid_string")
            : expand;
    }

    private SessionState Find(string sessionId) =>
        _sessions.TryGetValue(sessionId, out var session) ? session : throw new ArgumentException($"no Checkout Session {sessionId} in the fake", nameof(sessionId));

    private SessionState Find(string id, string param, int status) =>
        _sessions.TryGetValue(id, out var session) ? session : throw new Refusal(status, $"No such checkout.session: '{id}'", param, "resource_missing");

    private SessionState Expect(string sessionId, string status, string paymentStatus)
    {
        var session = Find(sessionId);
        var (actual, actualPayment) = ((string?)session.Json["status"], (string?)session.Json["payment_status"]);
        return actual == status && actualPayment == paymentStatus
            ? session
            : throw new InvalidOperationException($"session {sessionId} is {actual}/{actualPayment}, not {status}/{paymentStatus}");
    }

    private StripeFakeEvent Record(StripeFakeEvent e)
    {
        _events.Add(e);
        _eventsById[e.Id] = e;
        SendIfListening(e);
        return e;
    }

    private static void RefuseUnknown(StripeFakeRequest request, Regex known)
    {
        if (request.Form.FirstOrDefault(p => !known.IsMatch(p.Key)).Key is { } key)
        {
            throw new Refusal(400, $"Received unknown parameter: {key}", key, "parameter_unknown");
        }
    }

    private static string Required(StripeFakeRequest request, string name) =>
        request.Field(name) is { Length: > 0 } value ? value : throw Missing(name);

    private static Refusal Missing(string name) => new(400, $"Missing required param: {name}.", name, "parameter_missing");

    private static long? Integer(StripeFakeRequest request, string name, long min)
    {
        if (request.Field(name) is not { } text)
        {
            return null;
        }
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new Refusal(400, $"Invalid integer: {text}", name, "parameter_invalid_integer");
        }
        return value >= min ? value : throw new Refusal(400, $"This value must be greater than or equal to {min}.", name, "parameter_invalid_integer");
    }

    private static string? Url(StripeFakeRequest request, string name) => request.Field(name) switch
    {
        null => null,
        var text when Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" => text,
        _ => throw new Refusal(400, "Not a valid URL", name, "url_invalid"),
    };

    private static JsonObject Metadata(StripeFakeRequest request, string prefix)
    {
        var metadata = new JsonObject();
        foreach (var (key, value) in request.Form.Where(p => p.Key.StartsWith(prefix + "[", StringComparison.Ordinal)))
        {
            var name = key[(prefix.Length + 1)..^1];
            if (name.Length > 40 || value.Length > 500 || metadata.Count >= 50)
            {
                throw new Refusal(400, "Metadata can have up to 50 keys, each up to 40 characters with a value up to 500 characters.", key,
                    "parameter_invalid_string");
            }
            metadata[name] = value;
        }
        return metadata;
    }

    private static bool IsEmail(string text) =>
        text.IndexOf('@', StringComparison.Ordinal) is var at && at > 0 && at < text.Length - 1 && !text.Any(char.IsWhiteSpace);

    private static string Masked(string key)
    {
        var keep = key.StartsWith("sk_test_", StringComparison.Ordinal) || key.StartsWith("sk_live_", StringComparison.Ordinal) ? 8 : 0;
        return key.Length <= keep + 4 ? new string('*', key.Length) : key[..keep] + new string('*', key.Length - keep - 4) + key[^4..];
    }

    private static List<KeyValuePair<string, string>> Pairs(IEnumerable<KeyValuePair<string, StringValues>> values) =>
        [.. values.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? "")))];

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) ? values.ToString() : null;

    [GeneratedRegex(@"^(mode|success_url|cancel_url|client_reference_id|customer_email|expires_at|expand\[\d*\]|metadata\[[^\[\]]+\]|payment_intent_data\[metadata\]\[[^\[\]]+\]|line_items\[0\]\[quantity\]|line_items\[0\]\[price_data\]\[(currency|unit_amount)\]|line_items\[0\]\[price_data\]\[product_data\]\[(name|description)\])$", RegexOptions.CultureInvariant)]
    private static partial Regex CheckoutParameters();

    [GeneratedRegex(@"^(payment_intent|amount|reason|metadata\[[^\[\]]+\])$", RegexOptions.CultureInvariant)]
    private static partial Regex RefundParameters();

    [GeneratedRegex(@"^(limit|starting_after|ending_before|status|payment_intent)$", RegexOptions.CultureInvariant)]
    private static partial Regex ListParameters();

    [GeneratedRegex(@"^expand\[\d*\]$", RegexOptions.CultureInvariant)]
    private static partial Regex ExpandParameter();

    private sealed record Answer(int Status, string Body, bool Replayed = false);

    private sealed class SessionState(JsonObject json, JsonObject lineItem, JsonObject paymentIntentMetadata)
    {
        public JsonObject Json { get; } = json;

        public JsonObject LineItem { get; } = lineItem;

        public JsonObject PaymentIntentMetadata { get; } = paymentIntentMetadata;

        public JsonObject? Charge { get; set; }

        public JsonObject? Dispute { get; set; }
    }

    /// <summary>An answer with Stripe's error object, raised where the handling stops.</summary>
    private sealed class Refusal(int status, string message, string? param = null, string? code = null, string type = "invalid_request_error")
        : Exception(message)
    {
        public int Status { get; } = status;

        public string? Param { get; } = param;

        public string? Code { get; } = code;

        public string Type { get; } = type;
    }
}
