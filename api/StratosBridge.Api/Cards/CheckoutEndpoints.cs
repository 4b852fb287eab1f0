using StratosBridge.Api.Docs;
using System.Numerics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using StratosBridge.Api.Accounts;
using StratosBridge.Api.Auth;
using StratosBridge.Api.Pauses;
using StratosBridge.Api.Paging;
using StratosBridge.Api.Payments;
using StratosBridge.Api.Problems;
using StratosBridge.Api.Quotes;
using StratosBridge.Api.RateLimiting;
using StratosBridge.Chains.Stratos;
using StratosBridge.Core.Quotes;
using StratosBridge.Fiat;
using StratosBridge.Fiat.Checkout;
using StratosBridge.Fiat.StripeApi;
using StratosBridge.Ledger.Fiat;
using StratosBridge.Ledger.Pauses;
using StratosBridge.Relayer.Configuration;

namespace StratosBridge.Api.Cards;

/// <summary>
/// Card checkouts for business accounts (API key): <c>POST /v1/fiat/checkout-sessions</c> makes a USD quote for the
/// account's wallet and a Stripe Checkout Session for it, and answers its payment page URL; <c>GET</c> lists the account's
/// checkouts, newest first; <c>GET …/{id}</c> follows one
/// to the credit (business accounts only: a dApp's key is refused with 403 <c>business-account-required</c>).
/// <c>GET /v1/fiat/checkout/return</c> is where Stripe sends the buyer back: it fulfils the session (the
/// same function as the webhook) and redirects to the business's success page. Refusals: 409 <c>account-on-hold</c>;
/// 422 <c>monthly-limit-exceeded</c>, <c>invalid-amount</c>, <c>amount-too-small</c>, <c>invalid-url</c> and the quote codes;
/// 502 <c>stripe-unavailable</c> / <c>stripe-refused</c>; 404 <c>checkout-not-found</c>.
/// </summary>
public static class CheckoutEndpoints
{
    public const string AccountOnHold = "account-on-hold";
    public const string BusinessAccountRequired = "business-account-required";
    public const string MonthlyLimitExceeded = "monthly-limit-exceeded";
    public const string AmountTooSmall = "amount-too-small";
    public const string InvalidUrl = "invalid-url";
    public const string CheckoutNotFound = "checkout-not-found";
    public const string StripeUnavailable = "stripe-unavailable";
    public const string StripeRefused = "stripe-refused";

    public static void Map(RouteGroupBuilder v1)
    {
        var keyed = v1.MapGroup("/fiat/checkout-sessions").RequireApiKey();
        keyed.MapPost("", CreateAsync).WithName("CreateCheckoutSession").WithMetadata(new ProblemCodes(403, BusinessAccountRequired), new ProblemCodes(409, AccountOnHold), new ProblemCodes(422, InvalidUrl, QuoteEndpoints.InvalidAmount, AmountTooSmall, MonthlyLimitExceeded), new ProblemCodes(502, StripeUnavailable, StripeRefused), new ProblemCodes(503, "price-unavailable")).WithMetadata(new DocumentedBody(typeof(CreateCheckoutRequest)));
        keyed.MapGet("", ListAsync).WithName("GetCheckoutSessions").WithMetadata(new ProblemCodes(422, PageRequest.InvalidLimit));
        keyed.MapGet("/{id:long}", GetAsync).WithName("GetCheckoutSession").WithMetadata(new ProblemCodes(404, CheckoutNotFound));
        v1.MapGet("/fiat/checkout/return", ReturnAsync).WithName("CheckoutReturn").WithMetadata(new ProblemCodes(404, CheckoutNotFound)).RequireRateLimiting(AnonymousRateLimits.CheckoutReturn);
    }

    private static async Task<Results<Created<CheckoutView>, ProblemHttpResult>> CreateAsync(HttpContext context, QuoteService quotes,
        CardCheckout checkout, IOptions<FiatOptions> options, PauseStore pauses, IOptions<ChainsOptions> chains, CancellationToken ct)
    {
        var account = context.Account();
        if (account.Kind != AccountKind.Business)
        {
            return ApiProblem.Create(StatusCodes.Status403Forbidden, BusinessAccountRequired, "Card checkouts are for business accounts",
                $"account {account.Id} is a {account.Kind} account: its users pay quotes in ETH, BNB or SOL (POST /v1/quotes with this key); " +
                "buying Ozone by card needs a business account, which an operator makes with a wallet and a monthly card limit");
        }
        var (body, bad) = await ApiProblem.ReadJsonAsync<CreateCheckoutRequest>(context.Request, "{noz | oz | usd, successUrl, cancelUrl}", ct);
        if (body is null)
        {
            return bad!;
        }
        if (!IsWebUrl(body.SuccessUrl) || !IsWebUrl(body.CancelUrl))
        {
            return ApiProblem.Invalid(InvalidUrl, "successUrl and cancelUrl must be absolute http(s) URLs of your site " +
                                                  $"(got {ApiProblem.Quote(body.SuccessUrl ?? "nothing")} and {ApiProblem.Quote(body.CancelUrl ?? "nothing")})");
        }
        if (account.Status != "active")
        {
            return OnHold(account.StatusNote);
        }
        var given = new[] { body.Noz, body.Oz, body.Usd }.Count(v => v is not null);
        if (given != 1)
        {
            return ApiProblem.Invalid(QuoteEndpoints.InvalidAmount, "give exactly one of noz, oz (the Ozone to buy) or usd (the dollars to spend)");
        }
        BigInteger? noz = null;
        long? usdCents = null;
        if (body.Usd is { } usdText)
        {
            if (!UsdAmountView.TryParseCents(usdText, out var cents))
            {
                return ApiProblem.Invalid(QuoteEndpoints.InvalidAmount, $"usd {ApiProblem.Quote(usdText)} is not a positive amount with at most 2 decimals");
            }
            usdCents = cents;
        }
        else if (body.Noz is { } nozText)
        {
            if (!QuoteAmounts.TryParseNoz(nozText, out var parsed))
            {
                return ApiProblem.Invalid(QuoteEndpoints.InvalidAmount, $"noz {ApiProblem.Quote(nozText)} is not a positive whole number (1 OZ = 10^9 noz)");
            }
            noz = parsed;
        }
        else if (!QuoteAmounts.TryParseOz(body.Oz!, out var oz))
        {
            return ApiProblem.Invalid(QuoteEndpoints.InvalidAmount, $"oz {ApiProblem.Quote(body.Oz!)} is not a positive amount with at most 9 decimals");
        }
        else
        {
            noz = oz;
        }
        var settings = options.Value;
        if (usdCents < settings.MinimumCents)
        {
            return TooSmall(usdCents.Value, settings.MinimumCents);
        }

        var paused = PauseView.ForCredit(await pauses.InForceAsync(ct), PayAsset.Usd.Chain(), chains);
        if (paused.Count > 0)
        {
            return PauseView.Refusal("buying Ozone by card", paused);
        }
        var wallet = StratosAddress.Parse(account.Wallet!); // a business always has one (business_accounts_business_has_wallet)
        var (quote, refusal) = await quotes.CreateAsync(wallet, PayAsset.Usd, noz, ct, settings.CheckoutExpiry);
        if (refusal is not null)
        {
            return refusal.Temporary ? ApiProblem.Unavailable(refusal.Code, refusal.Detail) : ApiProblem.Invalid(refusal.Code, refusal.Detail);
        }
        var amount = usdCents ?? (long)quote!.AmountDue!.Value;
        if (amount < settings.MinimumCents)
        {
            return TooSmall(amount, settings.MinimumCents);
        }
        var created = await checkout.CreateAsync(account.Id, wallet.LowerHex, quote!.Id, amount, noz?.ToString(), body.SuccessUrl!, body.CancelUrl!,
            quote.ExpiresAt, ct);
        if (created.Refused is { } refused)
        {
            return refused.Refusal switch
            {
                CheckoutRefusal.AccountOnHold => OnHold(refused.HoldNote),
                CheckoutRefusal.MonthlyLimitExceeded => ApiProblem.Invalid(MonthlyLimitExceeded, "Monthly card limit exceeded",
                    $"this checkout of {AccountViews.Usd(amount)} USD would bring this month's card payments to " +
                    $"{AccountViews.Usd(refused.UsedCents + amount)} USD, over the account's limit of {AccountViews.Usd(refused.LimitCents)} USD " +
                    $"({AccountViews.Usd(refused.UsedCents)} USD used); ask the operator to raise it, or wait for next month (UTC)"),
                _ => ApiProblem.NotFound("account-not-found", "the key's account no longer exists"),
            };
        }
        if (created.StripeFailure is { } failure)
        {
            var transient = StripeFailures.IsTransient(failure);
            return ApiProblem.Create(StatusCodes.Status502BadGateway, transient ? StripeUnavailable : StripeRefused,
                "The card processor did not create the checkout",
                (transient ? "Stripe could not be reached or failed; nothing was charged, try again: " : "Stripe refused the checkout: ") +
                failure.Message);
        }
        var row = created.Checkout!;
        return TypedResults.Created($"/v1/fiat/checkout-sessions/{row.Id}", CheckoutView.From(row, quote, PaymentReader.Unpaid(quote)));
    }

    private static async Task<Results<Ok<CheckoutView>, ProblemHttpResult>> GetAsync(long id, HttpContext context, CheckoutStore store,
        QuoteService quotes, PaymentReader payments, CancellationToken ct)
    {
        var row = await store.GetAsync(context.Account().Id, id, ct);
        return row is null
            ? ApiProblem.NotFound(CheckoutNotFound, $"no checkout {id} for this account")
            : TypedResults.Ok(await ViewAsync(row, quotes, payments, ct));
    }

    /// <summary>
    /// <c>GET /v1/fiat/checkout-sessions</c>: the account's checkouts, newest first, each as <c>GET …/{id}</c> shows it
    /// (<c>?limit=</c> 1–200, default 50; <c>?before=</c> the previous page's <c>next</c>).
    /// </summary>
    private static async Task<Results<Ok<CheckoutPage>, ProblemHttpResult>> ListAsync(string? limit, string? before, HttpContext context,
        CheckoutStore store, QuoteService quotes, PaymentReader payments, CancellationToken ct)
    {
        if (!PageRequest.TryParse(limit, before, out var page, out var problem))
        {
            return problem;
        }
        var (rows, next) = page.Cut(await store.ListAsync(context.Account().Id, page.Fetch, page.Before, ct), r => r.Id);
        var views = new List<CheckoutView>(rows.Count);
        foreach (var row in rows)
        {
            views.Add(await ViewAsync(row, quotes, payments, ct));
        }
        return TypedResults.Ok(new CheckoutPage(views, next));
    }

    private static async Task<CheckoutView> ViewAsync(CheckoutRow row, QuoteService quotes, PaymentReader payments, CancellationToken ct)
    {
        var quote = await quotes.GetAsync(row.QuoteId, ct);
        return CheckoutView.From(row, quote, quote is null ? null : await payments.SettlementAsync(quote, ct));
    }

    /// <summary>
    /// Stripe's success redirect (<c>?session_id=cs_…</c>). Fulfils the session, then sends the buyer to the business's
    /// success page. When Stripe cannot be asked now the buyer is still sent on: the webhook fulfils the session.
    /// </summary>
    private static async Task<Results<RedirectHttpResult, ProblemHttpResult>> ReturnAsync(string? session_id, CardCheckout checkout,
        CheckoutStore store, ILogger<CardCheckout> logger, CancellationToken ct)
    {
        if (session_id is not { Length: > 3 and < 256 } || !session_id.StartsWith("cs_", StringComparison.Ordinal))
        {
            return ApiProblem.NotFound(CheckoutNotFound, "session_id must be a Stripe Checkout Session id (cs_…)");
        }
        var row = await store.GetByStripeIdAsync(session_id, ct);
        if (row is null)
        {
            return ApiProblem.NotFound(CheckoutNotFound, $"no checkout for session {ApiProblem.Quote(session_id)}");
        }
        try
        {
            await checkout.FulfilAsync(session_id, ct);
        }
        catch (Exception e) when (StripeFailures.IsStripeFailure(e) && !ct.IsCancellationRequested)
        {
            logger.LogWarning("Return from {Session}: fulfilment postponed to the webhook: {Message}", session_id, e.Message);
        }
        return TypedResults.Redirect(row.SuccessUrl.Replace("{CHECKOUT_SESSION_ID}", session_id, StringComparison.Ordinal));
    }

    private static ProblemHttpResult OnHold(string? note) => ApiProblem.Create(StatusCodes.Status409Conflict, AccountOnHold,
        "The account is on hold", $"no new card checkouts until an operator resolves the hold ({note ?? "no reason recorded"})");

    private static ProblemHttpResult TooSmall(long cents, long minimum) => ApiProblem.Invalid(AmountTooSmall,
        $"{AccountViews.Usd(cents)} USD is below the smallest card payment, {AccountViews.Usd(minimum)} USD");

    private static bool IsWebUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" && text!.Length <= 2000;
}
