using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using StratosBridge.Api.Auth;
using StratosBridge.Api.Docs;
using StratosBridge.Api.Problems;
using StratosBridge.Api.Transfers;
using StratosBridge.Core.Webhooks;
using StratosBridge.Ledger.Webhooks;

namespace StratosBridge.Api.Webhooks;

/// <summary>
/// An account's webhooks (its API key, <see cref="AuthExtensions.RequireApiKey"/>), under <c>/v1/account</c>:
/// <c>POST /webhooks</c> (url, events; answers the secret once), <c>GET /webhooks</c>, <c>GET /webhooks/{id}</c>,
/// <c>DELETE /webhooks/{id}</c> (nothing more is sent; its deliveries' history stays),
/// <c>POST /webhooks/{id}/rotate-secret</c>, <c>…/disable</c>, <c>…/enable</c>, <c>…/test</c>,
/// <c>GET /webhooks/{id}/deliveries</c> (attempts, status codes, times, the first bytes of each answer),
/// <c>POST /webhook-deliveries/{id}/redeliver</c>, <c>GET /webhook-event-types</c> (what an endpoint may subscribe to), and the wallets it follows for transfer events
/// (<c>GET /followed-wallets</c>, <c>PUT</c> and <c>DELETE /followed-wallets/{st1…|0x…}</c>). Refusals: 422
/// <c>invalid-webhook-url</c> (not https, or an address deliveries may not reach), <c>unknown-event-type</c>; 404
/// <c>webhook-not-found</c>, <c>delivery-not-found</c>.
/// </summary>
public static class WebhookEndpoints
{
    public const string InvalidUrl = "invalid-webhook-url";
    public const string UnknownEventType = "unknown-event-type";
    public const string NotFound = "webhook-not-found";
    public const string DeliveryNotFound = "delivery-not-found";

    public static void Map(RouteGroupBuilder v1)
    {
        var account = v1.MapGroup("/account").RequireApiKey();
        account.MapPost("/webhooks", CreateAsync).WithName("CreateWebhook").WithMetadata(new DocumentedExample(201, ApiExamples.WebhookCreated), new DocumentedExample(422, ApiExamples.WebhookRefused)).WithMetadata(new DocumentedBody(typeof(CreateWebhookRequest)))
            .WithMetadata(new ProblemCodes(422, InvalidUrl, UnknownEventType));
        account.MapGet("/webhooks", ListAsync).WithName("GetWebhooks").WithMetadata(new DocumentedExample(200, ApiExamples.Webhooks));
        account.MapGet("/webhooks/{id:long}", GetAsync).WithName("GetWebhook").WithMetadata(new ProblemCodes(404, NotFound));
        account.MapDelete("/webhooks/{id:long}", DeleteAsync).WithName("DeleteWebhook").WithMetadata(new ProblemCodes(404, NotFound));
        account.MapPost("/webhooks/{id:long}/rotate-secret", RotateAsync).WithName("RotateWebhookSecret")
            .WithMetadata(new DocumentedBody(typeof(RotateWebhookSecretRequest), Optional: true)).WithMetadata(new ProblemCodes(404, NotFound));
        account.MapPost("/webhooks/{id:long}/disable", (long id, HttpContext c, WebhookStore s, CancellationToken ct) =>
            SetEnabledAsync(id, false, c, s, ct)).WithName("DisableWebhook").WithMetadata(new ProblemCodes(404, NotFound));
        account.MapPost("/webhooks/{id:long}/enable", (long id, HttpContext c, WebhookStore s, CancellationToken ct) =>
            SetEnabledAsync(id, true, c, s, ct)).WithName("EnableWebhook").WithMetadata(new ProblemCodes(404, NotFound));
        account.MapPost("/webhooks/{id:long}/test", TestAsync).WithName("TestWebhook").WithMetadata(new ProblemCodes(404, NotFound));
        account.MapGet("/webhooks/{id:long}/deliveries", DeliveriesAsync).WithName("GetWebhookDeliveries").WithMetadata(new DocumentedExample(200, ApiExamples.WebhookDeliveries)).WithMetadata(new ProblemCodes(404, NotFound));
        account.MapPost("/webhook-deliveries/{id:long}/redeliver", RedeliverAsync).WithName("RedeliverWebhook").WithMetadata(new ProblemCodes(404, DeliveryNotFound));
        account.MapGet("/webhook-event-types", () => TypedResults.Ok(new WebhookEventTypeList(WebhookEventTypes.All))).WithName("GetWebhookEventTypes");
        account.MapGet("/followed-wallets", FollowedAsync).WithName("GetFollowedWallets");
        account.MapPut("/followed-wallets/{address}", (string address, HttpContext c, WebhookStore s, CancellationToken ct) =>
            FollowAsync(address, true, c, s, ct)).WithName("FollowWallet").WithMetadata(new ProblemCodes(422, WalletAddress.InvalidAddress));
        account.MapDelete("/followed-wallets/{address}", (string address, HttpContext c, WebhookStore s, CancellationToken ct) =>
            FollowAsync(address, false, c, s, ct)).WithName("UnfollowWallet").WithMetadata(new ProblemCodes(422, WalletAddress.InvalidAddress));
    }

    private static async Task<Results<Created<WebhookEndpointView>, ProblemHttpResult>> CreateAsync(HttpContext context, WebhookStore store,
        IOptions<WebhookOptions> options, CancellationToken ct)
    {
        var (body, bad) = await ApiProblem.ReadJsonAsync<CreateWebhookRequest>(context.Request, "{url, events}", ct);
        if (body is null)
        {
            return bad!;
        }
        if (WebhookUrlPolicy.Refusal(body.Url, options.Value.AllowLoopback, out var url) is { } refusal)
        {
            return ApiProblem.Invalid(InvalidUrl, "The webhook URL is refused", refusal);
        }
        var events = (body.Events ?? []).Distinct(StringComparer.Ordinal).ToList();
        var unknown = events.FirstOrDefault(e => !WebhookEventTypes.IsKnown(e));
        if (events.Count == 0 || unknown is not null)
        {
            return ApiProblem.Invalid(UnknownEventType, "Unknown event type",
                (unknown is null ? "name at least one event" : $"{ApiProblem.Quote(unknown)} is not an event type") +
                $"; the types are {string.Join(", ", WebhookEventTypes.All)}");
        }
        var secret = WebhookSignature.NewSecret();
        var row = await store.CreateEndpointAsync(context.Account().Id, url!.AbsoluteUri, events, secret, ct);
        return TypedResults.Created($"/v1/account/webhooks/{row.Id}", WebhookEndpointView.Of(row, secret));
    }

    private static async Task<Ok<WebhookEndpointList>> ListAsync(HttpContext context, WebhookStore store, CancellationToken ct) =>
        TypedResults.Ok(new WebhookEndpointList((await store.EndpointsAsync(context.Account().Id, ct)).Select(r => WebhookEndpointView.Of(r)).ToList()));

    private static async Task<Results<Ok<WebhookEndpointView>, ProblemHttpResult>> GetAsync(long id, HttpContext context, WebhookStore store,
        CancellationToken ct) =>
        await store.EndpointAsync(context.Account().Id, id, ct) is { } row ? TypedResults.Ok(WebhookEndpointView.Of(row)) : Missing(id);

    /// <summary>Deletes an endpoint: 204; it is sent nothing more and its pending deliveries fail (their history stays).</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, HttpContext context, WebhookStore store, CancellationToken ct) =>
        await store.DeleteEndpointAsync(context.Account().Id, id, "the endpoint was deleted by the account", ct) ? TypedResults.NoContent() : Missing(id);

    private static async Task<Results<Ok<WebhookEndpointView>, ProblemHttpResult>> RotateAsync(long id, HttpContext context, WebhookStore store,
        IOptions<WebhookOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var overlap = options.Value.RotationOverlap;
        if (context.Request.ContentLength is > 0)
        {
            var (body, bad) = await ApiProblem.ReadJsonAsync<RotateWebhookSecretRequest>(context.Request, "{keepPreviousSeconds}", ct);
            if (body is null)
            {
                return bad!;
            }
            if (body.KeepPreviousSeconds is { } seconds)
            {
                if (seconds is < 0 or > 7 * 24 * 3600)
                {
                    return ApiProblem.Invalid("invalid-overlap", "keepPreviousSeconds must be between 0 and 604800 (7 days)");
                }
                overlap = TimeSpan.FromSeconds(seconds);
            }
        }
        var secret = WebhookSignature.NewSecret();
        return await store.RotateSecretAsync(context.Account().Id, id, secret, clock.GetUtcNow() + overlap, ct) is { } row
            ? TypedResults.Ok(WebhookEndpointView.Of(row, secret))
            : Missing(id);
    }

    private static async Task<Results<Ok<WebhookEndpointView>, ProblemHttpResult>> SetEnabledAsync(long id, bool enabled, HttpContext context,
        WebhookStore store, CancellationToken ct)
    {
        var note = enabled ? "enabled by the account" : "disabled by the account";
        return await store.SetEnabledAsync(context.Account().Id, id, enabled, note, ct) is { } row
            ? TypedResults.Ok(WebhookEndpointView.Of(row))
            : Missing(id);
    }

    private static async Task<Results<Accepted<WebhookQueued>, ProblemHttpResult>> TestAsync(long id, HttpContext context, WebhookStore store,
        CancellationToken ct) =>
        await store.RecordTestEventAsync(context.Account().Id, id, eventId => WebhookObjects.TestBody(eventId, id), ct) is { } eventId
            ? TypedResults.Accepted($"/v1/account/webhooks/{id}/deliveries", new WebhookQueued(eventId, null))
            : Missing(id);

    private static async Task<Results<Ok<WebhookDeliveryList>, ProblemHttpResult>> DeliveriesAsync(long id, int? limit, HttpContext context,
        WebhookStore store, CancellationToken ct)
    {
        var account = context.Account().Id;
        if (await store.EndpointAsync(account, id, ct) is null)
        {
            return Missing(id);
        }
        return TypedResults.Ok(new WebhookDeliveryList(await store.DeliveriesAsync(account, id, Math.Clamp(limit ?? 50, 1, 200), ct: ct)));
    }

    private static async Task<Results<Accepted<WebhookQueued>, ProblemHttpResult>> RedeliverAsync(long id, HttpContext context, WebhookStore store,
        CancellationToken ct) =>
        await store.RedeliverAsync(context.Account().Id, id, ct) is { } delivery
            ? TypedResults.Accepted((string?)null, new WebhookQueued(null, delivery))
            : ApiProblem.NotFound(DeliveryNotFound, "Delivery not found", $"no webhook delivery {id} for this account");

    private static async Task<Ok<FollowedWalletList>> FollowedAsync(HttpContext context, WebhookStore store, CancellationToken ct) =>
        TypedResults.Ok(new FollowedWalletList(await store.FollowedAsync(context.Account().Id, ct)));

    private static async Task<Results<Ok<FollowedWalletList>, ProblemHttpResult>> FollowAsync(string address, bool follow, HttpContext context,
        WebhookStore store, CancellationToken ct)
    {
        if (!WalletAddress.TryParse(address, out var wallet, out var error))
        {
            return ApiProblem.Invalid(WalletAddress.InvalidAddress, "Invalid wallet address", error);
        }
        var account = context.Account().Id;
        _ = follow ? await store.FollowAsync(account, wallet.ToLowerHex(), ct) : await store.UnfollowAsync(account, wallet.ToLowerHex(), ct);
        return TypedResults.Ok(new FollowedWalletList(await store.FollowedAsync(account, ct)));
    }

    private static ProblemHttpResult Missing(long id) => ApiProblem.NotFound(NotFound, "Webhook not found", $"no webhook endpoint {id} for this account");
}
