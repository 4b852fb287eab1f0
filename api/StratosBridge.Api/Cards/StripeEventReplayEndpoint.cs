using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using StratosBridge.Api.Auth;
using StratosBridge.Api.Problems;
using StratosBridge.Fiat.Stripe;
using StratosBridge.Ledger.Fiat;

namespace StratosBridge.Api.Cards;

/// <summary>
/// <c>POST /v1/admin/stripe-events/{id}/replay</c> (admin): fetches an event from Stripe (<c>GET /v1/events/{id}</c>)
/// and records it as if the webhook had delivered it — for an event Stripe gave up delivering (the endpoint was down for
/// days). Recording is once by id, so replaying an event already received changes nothing (<c>duplicate</c>). 404
/// <c>stripe-event-not-found</c> when Stripe does not know the id; 502 <c>stripe-unavailable</c> when it cannot be asked.
/// </summary>
public static class StripeEventReplayEndpoint
{
    public static void Map(RouteGroupBuilder v1) =>
        v1.MapGroup("/admin").RequireAdmin().MapPost("/stripe-events/{id}/replay", ReplayAsync).WithName("ReplayStripeEvent");

    private static async Task<Results<Ok<WebhookReceipt>, ProblemHttpResult>> ReplayAsync(string id, StripeClient stripe, StripeEventStore events,
        CancellationToken ct)
    {
        if (id is not { Length: > 4 and < 256 } || !id.StartsWith("evt_", StringComparison.Ordinal))
        {
            return ApiProblem.NotFound("stripe-event-not-found", "Stripe event ids look like evt_…");
        }
        StripeEvent stripeEvent;
        try
        {
            stripeEvent = await stripe.GetEventAsync(id, ct);
        }
        catch (StripeException e) when (!e.IsRetryable)
        {
            return ApiProblem.NotFound("stripe-event-not-found", $"Stripe did not give event {ApiProblem.Quote(id)}: {e.Message}");
        }
        catch (Exception e) when (e is StripeException or HttpRequestException or TimeoutException)
        {
            return ApiProblem.Create(StatusCodes.Status502BadGateway, CheckoutEndpoints.StripeUnavailable, "Stripe could not be asked", e.Message);
        }
        var payload = JsonSerializer.Serialize(new
        {
            id = stripeEvent.Id,
            @object = "event",
            type = stripeEvent.Type,
            created = stripeEvent.Created.ToUnixTimeSeconds(),
            api_version = stripeEvent.ApiVersion,
            livemode = stripeEvent.Livemode,
            data = new { @object = stripeEvent.DataObject },
        });
        var recorded = await events.RecordAsync(new ReceivedStripeEvent(stripeEvent.Id, stripeEvent.Type, stripeEvent.ObjectId,
            stripeEvent.Created, payload), ct);
        return TypedResults.Ok(new WebhookReceipt(stripeEvent.Id, stripeEvent.Type, recorded ? "recorded" : "duplicate"));
    }
}
