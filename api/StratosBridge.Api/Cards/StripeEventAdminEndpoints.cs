using StratosBridge.Api.Docs;
using Microsoft.AspNetCore.Http.HttpResults;
using StratosBridge.Api.Auth;
using StratosBridge.Api.Problems;
using Stripe;
using StratosBridge.Fiat.StripeApi;
using StratosBridge.Ledger.Fiat;

namespace StratosBridge.Api.Cards;

/// <summary>
/// The operators' Stripe event endpoints (admin):
/// <list type="bullet">
/// <item><c>POST /v1/admin/stripe-events/{id}/replay</c>: a dead-lettered event (its handling failed
/// <c>Fiat:EventMaxAttempts</c> times) is re-queued as it was recorded (<c>requeued</c>). Any other event is fetched from
/// Stripe (<c>GET /v1/events/{id}</c>) and recorded as if the webhook had delivered it — for an event Stripe gave up
/// delivering (the endpoint was down for days). Recording is once by id, so replaying an event already received changes
/// nothing (<c>duplicate</c>). 404 <c>stripe-event-not-found</c> when Stripe does not know the id; 502
/// <c>stripe-unavailable</c> when it cannot be asked.</item>
/// <item><c>GET /v1/admin/stripe-events/dead</c>: the dead-lettered events, most recent first, with their last error.</item>
/// </list>
/// </summary>
public static class StripeEventAdminEndpoints
{
    private const int DeadListLimit = 200;

    public static void Map(RouteGroupBuilder v1)
    {
        var admin = v1.MapGroup("/admin").RequireAdmin();
        admin.MapPost("/stripe-events/{id}/replay", ReplayAsync).WithName("ReplayStripeEvent").WithMetadata(new ProblemCodes(404, "stripe-event-not-found"), new ProblemCodes(502, CheckoutEndpoints.StripeUnavailable));
        admin.MapGet("/stripe-events/dead", DeadAsync).WithName("ListDeadStripeEvents");
    }

    private static async Task<Ok<DeadStripeEventList>> DeadAsync(StripeEventStore events, CancellationToken ct) =>
        TypedResults.Ok(new DeadStripeEventList(await events.DeadAsync(DeadListLimit, ct)));

    private static async Task<Results<Ok<WebhookReceipt>, ProblemHttpResult>> ReplayAsync(string id, EventService stripe, StripeEventStore events,
        ILogger<StripeEventStore> logger, CancellationToken ct)
    {
        if (id is not { Length: > 4 and < 256 } || !id.StartsWith("evt_", StringComparison.Ordinal))
        {
            return ApiProblem.NotFound("stripe-event-not-found", "Stripe event ids look like evt_…");
        }
        if (await events.RequeueDeadAsync(id, ct) is { } dead)
        {
            logger.LogWarning("Dead-lettered Stripe event {Event} ({Type}) re-queued by an operator after {Attempts} attempts (last error: {Error})",
                dead.Id, dead.Type, dead.Attempts, dead.LastError);
            return TypedResults.Ok(new WebhookReceipt(dead.Id, dead.Type, "requeued"));
        }
        Event stripeEvent;
        try
        {
            stripeEvent = await stripe.GetAsync(id, cancellationToken: ct);
        }
        catch (Exception e) when (StripeFailures.IsStripeFailure(e) && !StripeFailures.IsTransient(e) && !ct.IsCancellationRequested)
        {
            return ApiProblem.NotFound("stripe-event-not-found", $"Stripe did not give event {ApiProblem.Quote(id)}: {e.Message}");
        }
        catch (Exception e) when (StripeFailures.IsStripeFailure(e) && !ct.IsCancellationRequested)
        {
            return ApiProblem.Create(StatusCodes.Status502BadGateway, CheckoutEndpoints.StripeUnavailable, "Stripe could not be asked", e.Message);
        }
        // Stripe renders an event fetched through the API in the request's version, Stripe.net's: the body as Stripe answered it
        var payload = stripeEvent.StripeResponse?.Content ?? stripeEvent.ToJson();
        var recorded = await events.RecordAsync(new ReceivedStripeEvent(stripeEvent.Id, stripeEvent.Type, StripeWebhookEndpoint.ObjectId(stripeEvent),
            new DateTimeOffset(stripeEvent.Created, TimeSpan.Zero), payload), ct);
        return TypedResults.Ok(new WebhookReceipt(stripeEvent.Id, stripeEvent.Type, recorded ? "recorded" : "duplicate"));
    }
}
