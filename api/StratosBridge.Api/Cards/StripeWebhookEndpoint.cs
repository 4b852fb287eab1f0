using StratosBridge.Api.Docs;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using StratosBridge.Api.Problems;
using StratosBridge.Fiat.StripeApi;
using StratosBridge.Ledger.Fiat;

namespace StratosBridge.Api.Cards;

/// <summary>
/// <c>POST /v1/fiat/stripe/webhook</c>: verifies <c>Stripe-Signature</c> over the raw body with Stripe.net
/// (<see cref="StripeWebhookVerifier"/>: any of <c>Stripe:WebhookSecrets</c>, <c>Stripe:WebhookTolerance</c>), records the
/// event once by its id and answers 200 at once; the jobs role handles it. A bad signature, a stale timestamp or a changed
/// body is 400 <c>invalid-signature</c> and nothing is recorded; a body that is not an event is 400 <c>invalid-event</c>;
/// an authentic event of another API release train than Stripe.net's is 400 <c>unsupported-api-version</c> with an
/// <c>ALARM</c> (the webhook endpoint must be created with the SDK's version) and nothing is recorded, so nothing loops on
/// it here; while the ledger is down the answer is 503 and Stripe delivers again.
/// </summary>
public static class StripeWebhookEndpoint
{
    public const string InvalidSignature = "invalid-signature";
    public const string InvalidEvent = "invalid-event";
    public const string UnsupportedApiVersion = "unsupported-api-version";

    /// <summary>
    /// Stripe's events are far smaller; a larger body is refused (413) before it is read whole, whether it announces its
    /// length or comes chunked without one.
    /// </summary>
    private const int MaxBodyBytes = 1 << 20;

    public static void Map(RouteGroupBuilder v1) => v1.MapPost("/fiat/stripe/webhook", ReceiveAsync).WithName("StripeWebhook").WithMetadata(new ProblemCodes(400, InvalidEvent, UnsupportedApiVersion, InvalidSignature), new ProblemCodes(413, InvalidEvent), new ProblemCodes(503, "ledger-unavailable"));

    private static async Task<Results<Ok<WebhookReceipt>, ProblemHttpResult>> ReceiveAsync(HttpRequest request, StripeEventStore events,
        StripeWebhookVerifier verifier, ILogger<StripeEventStore> logger, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes || await ReadAtMostAsync(request.Body, MaxBodyBytes, ct) is not { } body)
        {
            return ApiProblem.Create(StatusCodes.Status413PayloadTooLarge, InvalidEvent, "Not a Stripe event",
                $"the body is larger than {MaxBodyBytes} bytes");
        }
        var text = System.Text.Encoding.UTF8.GetString(body);
        var verdict = verifier.Verify(request.Headers[StripeWebhookVerifier.HeaderName].ToString(), text);
        switch (verdict.Result)
        {
            case StripeSignatureResult.Valid:
                break;
            case StripeSignatureResult.NotAnEvent:
                return ApiProblem.Create(StatusCodes.Status400BadRequest, InvalidEvent, "Not a Stripe event", verdict.Detail ?? "the body is not a Stripe event");
            case StripeSignatureResult.OtherApiVersion:
                logger.LogError("ALARM Stripe event {Event} ({Type}) refused: it is of API version {Version}, and Stripe.net reads {Expected} only; " +
                                "create the webhook endpoint with the SDK's API version (Stripe then renders every event in it) and replay the event " +
                                "with POST /v1/admin/stripe-events/…/replay",
                    verdict.Event!.Id, verdict.Event.Type, verdict.Event.ApiVersion, StripeOptions.SdkApiVersion);
                return ApiProblem.Create(StatusCodes.Status400BadRequest, UnsupportedApiVersion, "The event's API version is not this service's",
                    $"event {verdict.Event.Id} is rendered in API version {verdict.Event.ApiVersion}; this service reads {StripeOptions.SdkApiVersion} " +
                    "only: set the webhook endpoint's API version to it");
            default:
                logger.LogWarning("Stripe webhook refused: {Verdict}", verdict.Result);
                return ApiProblem.Create(StatusCodes.Status400BadRequest, InvalidSignature, "The Stripe signature does not verify", Describe(verdict.Result));
        }
        var stripeEvent = verdict.Event!;
        try
        {
            var recorded = await events.RecordAsync(new ReceivedStripeEvent(stripeEvent.Id, stripeEvent.Type, ObjectId(stripeEvent),
                new DateTimeOffset(stripeEvent.Created, TimeSpan.Zero), text), ct);
            return TypedResults.Ok(new WebhookReceipt(stripeEvent.Id, stripeEvent.Type, recorded ? "recorded" : "duplicate"));
        }
        catch (NpgsqlException e)
        {
            logger.LogWarning("Stripe webhook {Event} not recorded, the ledger is unavailable: {Message}", stripeEvent.Id, e.Message);
            return ApiProblem.Create(StatusCodes.Status503ServiceUnavailable, "ledger-unavailable", "Try again later",
                "the event could not be recorded; Stripe will deliver it again");
        }
    }

    /// <summary>The whole body, or null as soon as it proves longer than <paramref name="limit"/> bytes (the rest is not read).</summary>
    private static async Task<byte[]?> ReadAtMostAsync(Stream body, int limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>The id of the object an event is about (a session, charge or dispute), or null.</summary>
    public static string? ObjectId(Stripe.Event e) => (e.Data?.Object as Stripe.IHasId)?.Id;

    private static string Describe(StripeSignatureResult verdict) => verdict switch
    {
        StripeSignatureResult.MalformedHeader => "the Stripe-Signature header is missing or malformed (expected t=<unix time>,v1=<hex>)",
        StripeSignatureResult.TimestampOutsideTolerance => "the signature's timestamp is further from now than the tolerance (a replay, or a clock far off)",
        _ => "no v1 signature matches this body under the configured webhook secrets (a changed body or a wrong secret)",
    };
}

/// <summary>The webhook's answer: the event and whether it is new (<c>recorded</c>) or seen before (<c>duplicate</c>).</summary>
public sealed record WebhookReceipt(string EventId, string Type, string Outcome);
