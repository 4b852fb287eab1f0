using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace StratosBridge.Fiat.Stripe;

/// <summary>
/// The Stripe endpoints StratosBridge uses, over a typed <see cref="HttpClient"/> that
/// <see cref="StripeServiceCollectionExtensions.AddStripe"/> configures (base address, key, <c>Stripe-Version</c>, timeout).
/// </summary>
/// <remarks>
/// Errors: Stripe's error answers are <see cref="StripeException"/> (status, error object, <c>Request-Id</c>); a
/// network failure or an attempt timeout is a <see cref="StripeException"/> with <see cref="StripeException.IsNetworkError"/>;
/// those and 5xx answers (<see cref="StripeException.IsRetryable"/>) are tried again, up to
/// <see cref="StripeOptions.MaxAttempts"/> attempts in all, after 0.5 s, 1 s, … (jittered, at most 5 s), as Stripe's
/// libraries do. A POST sends the caller's <c>Idempotency-Key</c> on every attempt, so an attempt that reached Stripe
/// before its answer was lost is replayed by Stripe, not done twice. A 2xx answer that is not the expected object is a
/// <see cref="FormatException"/>, not retried.
/// </remarks>
public sealed class StripeClient
{
    private const int MaxIdempotencyKeyLength = 255; // Stripe's limit

    private static readonly ResiliencePropertyKey<string> RequestKey = new("StratosBridge.Stripe.Request");

    private readonly HttpClient _http;
    private readonly ResiliencePipeline _pipeline;

    public StripeClient(HttpClient http, IOptions<StripeOptions> options, ILogger<StripeClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _pipeline = CreatePipeline(options.Value.MaxAttempts, logger ?? NullLogger<StripeClient>.Instance);
    }

    /// <summary><c>POST /v1/checkout/sessions</c>; <paramref name="idempotencyKey"/> is the caller's, recorded before the call, so a retry of the whole job reuses it.</summary>
    public Task<CheckoutSession> CreateCheckoutSessionAsync(CheckoutSessionCreate request, string idempotencyKey, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PostAsync("v1/checkout/sessions", request.ToParameters(), idempotencyKey, CheckoutSession.Parse, ct);
    }

    /// <summary><c>GET /v1/checkout/sessions/{id}?expand[]=line_items</c>.</summary>
    public Task<CheckoutSession> GetCheckoutSessionAsync(string id, CancellationToken ct = default) =>
        GetAsync($"v1/checkout/sessions/{Escape(id)}?{StripeFormEncoder.Encode([new("expand", new[] { "line_items" })])}",
            CheckoutSession.Parse, ct);

    /// <summary><c>POST /v1/refunds</c> of a PaymentIntent's charge.</summary>
    public Task<Refund> CreateRefundAsync(RefundCreate request, string idempotencyKey, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.PaymentIntent);
        return PostAsync("v1/refunds", request.ToParameters(), idempotencyKey, Refund.Parse, ct);
    }

    /// <summary><c>GET /v1/events/{id}</c>: the event as Stripe has it (to confirm a webhook delivery, or to catch up).</summary>
    public Task<StripeEvent> GetEventAsync(string id, CancellationToken ct = default) =>
        GetAsync($"v1/events/{Escape(id)}", StripeEvent.Parse, ct);

    private Task<T> PostAsync<T>(string path, IEnumerable<KeyValuePair<string, object?>> parameters, string idempotencyKey,
        Func<JsonElement, T> parse, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > MaxIdempotencyKeyLength)
        {
            throw new ArgumentException($"An Idempotency-Key of 1 to {MaxIdempotencyKeyLength} characters is required.", nameof(idempotencyKey));
        }
        return SendAsync(HttpMethod.Post, path, StripeFormEncoder.Encode(parameters), idempotencyKey, parse, ct);
    }

    private Task<T> GetAsync<T>(string pathAndQuery, Func<JsonElement, T> parse, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, pathAndQuery, null, null, parse, ct);

    private async Task<T> SendAsync<T>(HttpMethod method, string pathAndQuery, string? form, string? idempotencyKey,
        Func<JsonElement, T> parse, CancellationToken ct)
    {
        var what = $"{method} /{pathAndQuery.Split('?')[0]}";
        var context = ResilienceContextPool.Shared.Get(ct);
        context.Properties.Set(RequestKey, what);
        Answer answer;
        try
        {
            answer = await _pipeline.ExecuteAsync(
                static (context, state) => state.Self.SendOnceAsync(state.Method, state.PathAndQuery, state.Form, state.IdempotencyKey, context.CancellationToken),
                context,
                (Self: this, Method: method, PathAndQuery: pathAndQuery, Form: form, IdempotencyKey: idempotencyKey));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        var request = answer.RequestId is null ? "" : $" [request {answer.RequestId}]";
        try
        {
            using var document = JsonDocument.Parse(answer.Body);
            return parse(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new FormatException($"Stripe answered {what} with a body that is not JSON ({answer.Body.Length} bytes){request}: {e.Message}", e);
        }
        catch (FormatException e)
        {
            throw new FormatException($"Stripe's answer to {what} is not what was expected{request}: {e.Message}", e);
        }
    }

    private async ValueTask<Answer> SendOnceAsync(HttpMethod method, string pathAndQuery, string? form, string? idempotencyKey, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(pathAndQuery, UriKind.Relative));
        if (form is not null)
        {
            request.Content = new ByteArrayContent(Encoding.ASCII.GetBytes(form)); // the encoder's output is ASCII
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(StripeFormEncoder.ContentType);
        }
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            var requestId = Header(response, "Request-Id");
            if (!response.IsSuccessStatusCode)
            {
                throw StripeException.FromResponse(response.StatusCode, requestId, Encoding.UTF8.GetString(body), Header(response, "Stripe-Should-Retry"));
            }
            return new Answer(body, requestId);
        }
        catch (Exception e) when (e is HttpRequestException or IOException && !ct.IsCancellationRequested)
        {
            throw StripeException.FromNetworkFailure(e);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw StripeException.FromNetworkFailure(new TimeoutException($"no answer within {_http.Timeout.TotalSeconds:0.###} s", e));
        }
    }

    private static ResiliencePipeline CreatePipeline(int maxAttempts, ILogger logger)
    {
        if (maxAttempts <= 1)
        {
            return ResiliencePipeline.Empty;
        }
        return new ResiliencePipelineBuilder { Name = "stripe" }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<StripeException>(e => e.IsRetryable),
                MaxRetryAttempts = maxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(500),
                MaxDelay = TimeSpan.FromSeconds(5),
                OnRetry = args =>
                {
                    var failure = args.Outcome.Exception as StripeException;
                    var status = failure?.StatusCode is { } code ? ((int)code).ToString(CultureInfo.InvariantCulture) : "no answer";
                    StripeLogMessages.RetryingTransientFailure(logger, args.Context.Properties.GetValue(RequestKey, "?"), status,
                        failure?.RequestId, args.AttemptNumber + 2, maxAttempts, (long)args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            })
            .Build();
    }

    private static string Escape(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return Uri.EscapeDataString(id);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private sealed record Answer(byte[] Body, string? RequestId);
}
