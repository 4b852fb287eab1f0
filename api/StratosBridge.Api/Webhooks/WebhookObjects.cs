using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using StratosBridge.Api.Accounts;
using StratosBridge.Api.Cards;
using StratosBridge.Api.Grants;
using StratosBridge.Api.Payments;
using StratosBridge.Api.Quotes;
using StratosBridge.Api.Transfers;
using StratosBridge.Ledger.Chains;
using StratosBridge.Ledger.Fiat;
using StratosBridge.Ledger.Grants;
using StratosBridge.Ledger.Transfers;
using StratosBridge.Ledger.Webhooks;
using StratosBridge.Pricing;
using StratosBridge.Relayer.Configuration;

namespace StratosBridge.Api.Webhooks;

/// <summary>
/// The body of an event: <c>{id, type, created, apiVersion, data: {object}}</c>, where the object is what the read API
/// shows for the event's subject at the time it is first sent: the quote (<c>GET /v1/quotes/{id}</c>) for quote, payment
/// and credit events (for a free grant's credit, the claim: <c>GET /v1/grants/{program}/claims/{wallet}</c>), the checkout
/// (<c>GET /v1/fiat/checkout-sessions/{id}</c>), the account, or the transfer (<c>GET /v1/transfers/{chain}/{tx}</c>). Serialized with the API's own JSON settings, so the shapes are the same.
/// </summary>
internal sealed class WebhookObjects(IServiceProvider services, WebhookStore store, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    /// <summary>The version of the event bodies' shape (the date it last changed).</summary>
    public const string ApiVersion = "2026-12-02";

    public async Task<string> BodyAsync(ClaimedDelivery delivery, long accountId, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["id"] = delivery.EventId,
            ["type"] = delivery.Type,
            ["created"] = delivery.OccurredAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["apiVersion"] = ApiVersion,
            ["data"] = new JsonObject { ["object"] = await ObjectAsync(delivery.Subject, delivery.SubjectId, accountId, ct) },
        };
        return body.ToJsonString();
    }

    /// <summary>The body of a test event for <paramref name="endpointId"/>.</summary>
    public static string TestBody(string eventId, long endpointId) => new JsonObject
    {
        ["id"] = eventId,
        ["type"] = Core.Webhooks.WebhookEventTypes.Test,
        ["created"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        ["apiVersion"] = ApiVersion,
        ["data"] = new JsonObject { ["object"] = new JsonObject { ["endpoint"] = endpointId, ["message"] = "a test event, sent because the account asked" } },
    }.ToJsonString();

    private async Task<JsonNode?> ObjectAsync(string subject, long id, long accountId, CancellationToken ct)
    {
        switch (subject)
        {
            case "payment" or "credit":
            {
                var quotes = services.GetRequiredService<QuoteService>();
                var quote = await store.QuoteOfAsync(subject, id, ct) is { } quoteId ? await quotes.GetAsync(quoteId, ct) : null;
                if (quote is null)
                {
                    return subject == "credit" ? await GrantClaimAsync(id, ct) : null;
                }
                var settlement = await services.GetRequiredService<PaymentReader>().SettlementAsync(quote, ct);
                return Node(QuoteViews.From(quote, services.GetRequiredService<IOptions<PricingOptions>>().Value, settlement));
            }
            case "checkout":
            {
                var row = await services.GetRequiredService<CheckoutStore>().GetAsync(accountId, id, ct);
                if (row is null)
                {
                    return null;
                }
                var quote = await services.GetRequiredService<QuoteService>().GetAsync(row.QuoteId, ct);
                var settlement = quote is null ? null : await services.GetRequiredService<PaymentReader>().SettlementAsync(quote, ct);
                return Node(CheckoutView.From(row, quote, settlement));
            }
            case "account":
                return await services.GetRequiredService<BusinessAccountStore>().GetAsync(id, ct) is { } account
                    ? Node(AccountViews.From(account))
                    : null;
            case "transfer":
            {
                if (await store.TransferSourceAsync(id, ct) is not { } source)
                {
                    return null;
                }
                var found = (await services.GetRequiredService<TransferQueries>().BySourceAsync(source.Chain, source.TxHash, ct))
                    .Where(t => t.Id == id).ToList();
                var progress = await services.GetRequiredService<ChainProgressQueries>().ReadAsync([source.Chain], ct);
                var chains = services.GetRequiredService<IOptions<ChainsOptions>>().Value;
                var paused = await services.GetRequiredService<Ledger.Pauses.PauseStore>().InForceAsync(ct);
                return TransferViews.Present(found, chains, progress, paused, DateTimeOffset.UtcNow) is [var view] ? Node(view) : null;
            }
            default:
                return null;
        }
    }

    /// <summary>
    /// The claim a grant's credit buys for, as <c>GET /v1/grants/{program}/claims/{wallet}</c> shows it (its program, wallet,
    /// status and credit); null for any other credit.
    /// </summary>
    private async Task<JsonNode?> GrantClaimAsync(long creditId, CancellationToken ct) =>
        await services.GetRequiredService<GrantStore>().ClaimOfCreditAsync(creditId, ct) is { } claim
            ? Node(GrantViews.Claim(claim, services.GetRequiredService<IOptions<PricingOptions>>().Value.NozPerGb))
            : null;

    private JsonNode? Node<T>(T value) => JsonSerializer.SerializeToNode(value, json.Value.SerializerOptions);
}
