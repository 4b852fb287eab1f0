using StratosBridge.Api.Docs;
using Microsoft.AspNetCore.Http.HttpResults;
using StratosBridge.Api.Auth;
using StratosBridge.Api.Problems;
using StratosBridge.Fiat.Refunds;
using StratosBridge.Ledger.Fiat;

namespace StratosBridge.Api.Cards;

/// <summary>
/// Operators' actions on card checkouts (admin only, <see cref="AuthExtensions.RequireAdmin"/>):
/// <list type="bullet">
/// <item><c>POST /v1/admin/checkouts/{id}/refund</c> <c>{usd?, reason, operator}</c>: refunds the checkout's charge, all
/// that is left of it or <c>usd</c> of it, through <see cref="CardRefunds"/> with the Idempotency-Key
/// <c>refund-{checkout}-{n}</c> recorded first. When Stripe could not be asked (502 <c>stripe-unavailable</c>) the same
/// request again resumes that refund with the same key: Stripe refunds once.</item>
/// </list>
/// Refusals: 404 <c>checkout-not-found</c>; 409 <c>checkout-not-refundable</c> (never charged), 409 <c>refund-in-progress</c>
/// (another refund of the checkout has no answer yet: repeat that one); 422 <c>invalid-refund</c> (operator or reason
/// missing, or not a positive amount); 422 <c>refund-refused</c> (Stripe refused it, e.g. more than is left);
/// 502 <c>stripe-unavailable</c>.
/// </summary>
public static class CheckoutAdminEndpoints
{
    public const string NotRefundable = "checkout-not-refundable";
    public const string RefundInProgress = "refund-in-progress";
    public const string InvalidRefund = "invalid-refund";
    public const string RefundRefused = "refund-refused";

    public static void Map(RouteGroupBuilder v1)
    {
        var admin = v1.MapGroup("/admin/checkouts").RequireAdmin();
        admin.MapPost("/{id:long}/refund", RefundAsync).WithName("RefundCheckout").WithMetadata(new ProblemCodes(404, CheckoutEndpoints.CheckoutNotFound), new ProblemCodes(409, NotRefundable, RefundInProgress), new ProblemCodes(422, InvalidRefund, RefundRefused), new ProblemCodes(502, CheckoutEndpoints.StripeUnavailable)).WithMetadata(new DocumentedBody(typeof(CheckoutRefundRequest)));
    }

    private static async Task<Results<Ok<CheckoutRefundView>, ProblemHttpResult>> RefundAsync(long id, HttpRequest request, CardRefunds refunds,
        CancellationToken ct)
    {
        var (body, problem) = await ApiProblem.ReadJsonAsync<CheckoutRefundRequest>(request, "{usd?, reason, operator}", ct);
        if (problem is not null)
        {
            return problem;
        }
        if (string.IsNullOrWhiteSpace(body!.Operator) || string.IsNullOrWhiteSpace(body.Reason) || body.Operator.Length > 100 || body.Reason.Length > 1000)
        {
            return ApiProblem.Invalid(InvalidRefund, "Operator and reason required",
                "name the operator (operator, at most 100 characters) and why (reason, at most 1000): both are kept with the refund");
        }
        long? cents = null;
        if (body.Usd is { } usd)
        {
            if (!UsdAmountView.TryParseCents(usd, out var parsed))
            {
                return ApiProblem.Invalid(InvalidRefund, $"usd {ApiProblem.Quote(usd)} is not a positive amount with at most 2 decimals");
            }
            cents = parsed;
        }
        var result = await refunds.RefundAsync(id, cents, body.Reason.Trim(), body.Operator.Trim(), ct);
        return result switch
        {
            { Begun: RefundBegun.CheckoutNotFound } => ApiProblem.NotFound(CheckoutEndpoints.CheckoutNotFound, $"no checkout {id}"),
            { Begun: RefundBegun.NotRefundable } => ApiProblem.Create(StatusCodes.Status409Conflict, NotRefundable, "The checkout has no charge to refund",
                $"checkout {id} is {result.Checkout!.Status}: only a paid or held checkout has a charge to refund"),
            { Begun: RefundBegun.OtherInProgress } => ApiProblem.Create(StatusCodes.Status409Conflict, RefundInProgress, "Another refund is in progress",
                $"refund {result.Refund!.IdempotencyKey} of checkout {id} has no answer from Stripe yet: repeat it (same amount) before asking another"),
            { Failure: { } failure, Transient: true } => ApiProblem.Create(StatusCodes.Status502BadGateway, CheckoutEndpoints.StripeUnavailable,
                "Stripe could not be asked", $"refund {result.Refund!.IdempotencyKey} is recorded; repeat this request to finish it: {failure.Message}"),
            { Failure: { } failure } => ApiProblem.Invalid(RefundRefused, "Stripe refused the refund",
                $"refund {result.Refund!.IdempotencyKey}: {failure.Message}"),
            _ => TypedResults.Ok(CheckoutRefundView.From(result.Checkout!, result.Refund!)),
        };
    }
}
