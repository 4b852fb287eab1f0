using System.Numerics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using StratosBridge.Api.Auth;
using StratosBridge.Api.Docs;
using StratosBridge.Api.Cards;
using StratosBridge.Api.Pauses;
using StratosBridge.Api.Payments;
using StratosBridge.Api.Problems;
using StratosBridge.Api.RateLimiting;
using StratosBridge.Chains.Stratos;
using StratosBridge.Core.Quotes;
using StratosBridge.Ledger.Pauses;
using StratosBridge.Pricing;
using StratosBridge.Pricing.Payments;
using StratosBridge.Pricing.Quotes;
using StratosBridge.Relayer.Configuration;

namespace StratosBridge.Api.Quotes;

/// <summary>
/// <c>POST /v1/quotes</c>, <c>GET /v1/quotes/{id}</c> and the QR codes of a quote's payment URI. Refusals are
/// ProblemDetails with a stable <c>code</c>: 422 <c>invalid-beneficiary</c>, <c>unsupported-asset</c>,
/// <c>invalid-amount</c>, <c>ozone-supply-exceeded</c>; 503 <c>price-unavailable</c>, <c>price-sources-disagree</c>,
/// <c>ozone-price-unavailable</c> (the service cannot price now; retry later); 404 <c>quote-not-found</c>,
/// <c>no-payment-uri</c>; 400 <c>invalid-json</c>.
/// </summary>
public static class QuoteEndpoints
{
    public const string InvalidBeneficiary = "invalid-beneficiary";
    public const string InvalidAmount = "invalid-amount";
    public const string InvalidJson = ApiProblem.InvalidJson;
    public const string QuoteNotFound = "quote-not-found";
    public const string NoPaymentUri = "no-payment-uri";

    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapPost("/quotes", CreateAsync).WithName("CreateQuote").WithMetadata(new DocumentedExample(201, ApiExamples.Quote)).RequireRateLimiting(AnonymousRateLimits.Quotes)
            .WithMetadata(new DocumentedBody(typeof(CreateQuoteRequest)))
            .WithMetadata(new ProblemCodes(422, InvalidBeneficiary, PricingRefusal.UnsupportedAssetCode, InvalidAmount, PricingRefusal.OzoneSupplyExceededCode),
                new ProblemCodes(503, "price-unavailable", PricingRefusal.OzonePriceUnavailableCode),
                new ProblemCodes(409, PauseEndpoints.Paused, CheckoutEndpoints.AccountOnHold));
        v1.MapGet("/quotes/{id}", GetAsync).WithName("GetQuote").RequireRateLimiting(AnonymousRateLimits.Lookups)
            .WithMetadata(new ProblemCodes(404, QuoteNotFound));
        v1.MapGet("/quotes/{id}/qr.png", PngAsync).WithName("GetQuoteQrPng").WithMetadata(new ProblemCodes(404, QuoteNotFound, NoPaymentUri)).RequireRateLimiting(AnonymousRateLimits.Lookups);
        v1.MapGet("/quotes/{id}/qr.svg", SvgAsync).WithName("GetQuoteQrSvg").WithMetadata(new ProblemCodes(404, QuoteNotFound, NoPaymentUri)).RequireRateLimiting(AnonymousRateLimits.Lookups);
    }

    private static async Task<Results<Created<QuoteResponse>, ProblemHttpResult>> CreateAsync(HttpRequest request,
        QuoteService quotes, IOptions<PricingOptions> options, PauseStore pauses, IOptions<ChainsOptions> chains, CancellationToken ct)
    {
        // With an account's API key the quote is the account's (its events go to the account's webhooks); without, anonymous.
        if (await AuthExtensions.OptionalApiKeyAsync(request.HttpContext) is { } refused)
        {
            return refused;
        }
        if (request.HttpContext.AccountOrNull() is { Status: not "active" } held)
        {
            // payments to the account's open quotes are still credited (the payers' money arrives anyway); no new quotes
            return ApiProblem.Create(StatusCodes.Status409Conflict, CheckoutEndpoints.AccountOnHold, "The account is on hold",
                $"no new quotes with this account's key until an operator resolves the hold ({held.StatusNote ?? "no reason recorded"}); " +
                "payments to its open quotes are still credited");
        }
        CreateQuoteRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<CreateQuoteRequest>(ct);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or BadHttpRequestException)
        {
            return ApiProblem.Create(StatusCodes.Status400BadRequest, InvalidJson, "The body is not a quote request",
                $"expected a JSON object {{beneficiary, payAsset, noz | oz}}: {e.Message}");
        }
        if (body is null)
        {
            return ApiProblem.Create(StatusCodes.Status400BadRequest, InvalidJson, "The body is not a quote request", "the body is empty or null");
        }
        if (!StratosAddress.TryParse(body.Beneficiary, out var beneficiary, out var addressError))
        {
            return ApiProblem.Invalid(InvalidBeneficiary, addressError);
        }
        if (beneficiary.IsZero)
        {
            return ApiProblem.Invalid(InvalidBeneficiary, "the zero account cannot receive Ozone (OzonePayments refuses it)");
        }
        if (!PayAssets.TryParse(body.PayAsset, out var asset))
        {
            return ApiProblem.Invalid(PricingRefusal.UnsupportedAssetCode,
                $"'{body.PayAsset}' is not a pay asset; use ETH (ethereum), BNB (bsc), SOL (solana) or USD (card)");
        }
        BigInteger? noz = null;
        if (body.Noz is not null && body.Oz is not null)
        {
            return ApiProblem.Invalid(InvalidAmount, "give the Ozone as noz or as oz, not both");
        }
        if (body.Noz is { } nozText)
        {
            if (!QuoteAmounts.TryParseNoz(nozText, out var parsed))
            {
                return ApiProblem.Invalid(InvalidAmount, $"noz '{nozText}' is not a positive whole number (1 OZ = 10^9 noz)");
            }
            noz = parsed;
        }
        else if (body.Oz is { } ozText)
        {
            if (!QuoteAmounts.TryParseOz(ozText, out var parsed))
            {
                return ApiProblem.Invalid(InvalidAmount, $"oz '{ozText}' is not a positive amount with at most 9 decimals");
            }
            noz = parsed;
        }

        var paused = PauseView.ForCredit(await pauses.InForceAsync(ct), asset.Chain(), chains);
        if (paused.Count > 0)
        {
            return PauseView.Refusal($"crediting payments made on {asset.Chain()}", paused);
        }
        var (quote, refusal) = await quotes.CreateAsync(beneficiary, asset, noz, ct, accountId: request.HttpContext.AccountOrNull()?.Id);
        if (refusal is not null)
        {
            return refusal.Temporary
                ? ApiProblem.Unavailable(refusal.Code, refusal.Detail)
                : ApiProblem.Invalid(refusal.Code, refusal.Detail);
        }
        return TypedResults.Created($"/v1/quotes/{quote!.Id}", QuoteViews.From(quote, options.Value, PaymentReader.Unpaid(quote)));
    }

    /// <summary>
    /// <c>GET /v1/quotes/{id}</c>: the quote, its status (<c>open</c>, <c>expired</c>) and its <c>settlement</c>: every
    /// payment seen for it (oldest first: chain, tx hash, payer, amount, status <c>pending</c>/<c>final</c>/<c>matched</c>/
    /// <c>unmatched</c>/<c>orphaned</c>, confirmations and ETA by the chain's finality policy, the matcher's outcome and
    /// note, and the credit if any), and <c>settlement.state</c>, one word a user can be shown:
    /// <c>awaiting-payment</c> (nothing seen, quote open), <c>expired</c> (nothing seen, rates expired),
    /// <c>payment-pending-finality</c> (seen, block not final), <c>crediting</c> (final; being matched, or the Ozone
    /// prepay queued or in flight), <c>credited</c> (the prepay is mined), <c>credit-failed</c> (the prepay was refused
    /// for good; operators decide), <c>unmatched</c> (the payments seen cannot be credited automatically: wrong chain or
    /// beneficiary, too late, a duplicate, too small; operators decide). <see cref="SettlementState"/> has the precedence.
    /// </summary>
    private static async Task<Results<Ok<QuoteResponse>, ProblemHttpResult>> GetAsync(string id, QuoteService quotes,
        PaymentReader payments, IOptions<PricingOptions> options, PauseStore pauses, IOptions<ChainsOptions> chains, CancellationToken ct)
    {
        var quote = QuoteService.IsQuoteId(id) ? await quotes.GetAsync(id, ct) : null;
        return quote is null
            ? ApiProblem.NotFound(QuoteNotFound, $"no quote {Shorten(id)} (ids are 0x + 64 hex digits)")
            : TypedResults.Ok(QuoteViews.From(quote, options.Value, await payments.SettlementAsync(quote, ct),
                PauseView.ForCredit(await pauses.InForceAsync(ct), quote.PayChain, chains)));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PngAsync(string id, QuoteService quotes,
        IOptions<PricingOptions> options, CancellationToken ct)
    {
        var (uri, problem) = await UriOfAsync(id, quotes, options.Value, ct);
        return uri is null ? problem! : TypedResults.File(QrCodes.Png(uri), "image/png");
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> SvgAsync(string id, QuoteService quotes,
        IOptions<PricingOptions> options, CancellationToken ct)
    {
        var (uri, problem) = await UriOfAsync(id, quotes, options.Value, ct);
        return uri is null ? problem! : TypedResults.Text(QrCodes.Svg(uri), "image/svg+xml");
    }

    private static async Task<(string? Uri, ProblemHttpResult? Problem)> UriOfAsync(string id, QuoteService quotes, PricingOptions options,
        CancellationToken ct)
    {
        var quote = QuoteService.IsQuoteId(id) ? await quotes.GetAsync(id, ct) : null;
        if (quote is null)
        {
            return (null, ApiProblem.NotFound(QuoteNotFound, $"no quote {Shorten(id)}"));
        }
        return QuotePaymentUri.Of(quote, options.Payments.Solana?.Label) is { } uri
            ? (uri, null)
            : (null, ApiProblem.NotFound(NoPaymentUri, $"quote {quote.Id} is paid by {quote.PayChain}: it has no payment URI to encode"));
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
