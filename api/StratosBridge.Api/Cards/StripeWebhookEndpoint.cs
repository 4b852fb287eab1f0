using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Npgsql;
using StratosBridge.Api.Problems;
using StratosBridge.Fiat.Stripe;
using StratosBridge.Ledger.Fiat;

namespace StratosBridge.Api.Cards;

/// <summary>
/// <c>POST /v1/fiat/stripe/webhook</c>: verifies <c>Stripe-Signature</c> over the raw body (v1 HMAC-SHA256 of
/// <c>t + "." + body</c> with any of <c>Stripe:WebhookSecrets</c>, 300 s tolerance), records the event once by its id and
/// answers 200 at once; the jobs role handles it. A bad signature, a stale timestamp or a changed body is 400
/// <c>invalid-signature</c> and nothing is recorded; a body that is not an event is 400 <c>invalid-event</c>; while the
/// ledger is down the answer is 503 and Stripe delivers again.
/// </summary>
public static class StripeWebhookEndpoint
{
    public const string InvalidSignature = "invalid-signature";
    public const string InvalidEvent = "invalid-event";

    /// <summary>
    /// Stripe's events are far smaller; a larger body is refused (413) before it is read whole, whether it announces its
    /// length or comes chunked without one.
    /// </summary>
    private const int MaxBodyBytes = 1 << 20;

    public static void Map(RouteGroupBuilder v1) => v1.MapPost("/fiat/stripe/webhook", ReceiveAsync).WithName("StripeWebhook");

    private static async Task<Results<Ok<WebhookReceipt>, ProblemHttpResult>> ReceiveAsync(HttpRequest request, StripeEventStore events,
        IOptions<StripeOptions> options, StripeSignature signature, ILogger<StripeEventStore> logger, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes || await ReadAtMostAsync(request.Body, MaxBodyBytes, ct) is not { } body)
        {
            return ApiProblem.Create(StatusCodes.Status413PayloadTooLarge, InvalidEvent, "Not a Stripe event",
                $"the body is larger than {MaxBodyBytes} bytes");
        }
        var verdict = signature.Verify(request.Headers[StripeSignature.HeaderName].ToString(), body, options.Value.WebhookSecrets);
        if (verdict != StripeSignatureResult.Valid)
        {
            logger.LogWarning("Stripe webhook refused: {Verdict}", verdict);
            return ApiProblem.Create(StatusCodes.Status400BadRequest, InvalidSignature, "The Stripe signature does not verify", Describe(verdict));
        }
        StripeEvent stripeEvent;
        try
        {
            stripeEvent = StripeEvent.Parse(body);
        }
        catch (FormatException e)
        {
            return ApiProblem.Create(StatusCodes.Status400BadRequest, InvalidEvent, "Not a Stripe event", e.Message);
        }
        try
        {
            var recorded = await events.RecordAsync(new ReceivedStripeEvent(stripeEvent.Id, stripeEvent.Type, stripeEvent.ObjectId,
                stripeEvent.Created, System.Text.Encoding.UTF8.GetString(body)), ct);
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

    private static string Describe(StripeSignatureResult verdict) => verdict switch
    {
        StripeSignatureResult.MalformedHeader => "the Stripe-Signature header is missing or malformed (expected t=<unix time>,v1=<hex>)",
        StripeSignatureResult.NoV1Signature => "the Stripe-Signature header has no v1 signature",
        StripeSignatureResult.TimestampOutsideTolerance => "the signature's timestamp is more than 300 s from now (a replay, or a clock far off)",
        _ => "no v1 signature matches this body under the configured webhook secrets (a changed body or a wrong secret)",
    };
}

/// <summary>The webhook's answer: the event and whether it is new (<c>recorded</c>) or seen before (<c>duplicate</c>).</summary>
public sealed record WebhookReceipt(string EventId, string Type, string Outcome);
