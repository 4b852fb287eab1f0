using StratosBridge.Api.Docs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using StratosBridge.Api.Auth;
using StratosBridge.Api.Paging;
using StratosBridge.Api.Problems;
using StratosBridge.Api.RateLimiting;
using StratosBridge.Api.Transfers;

namespace StratosBridge.Api.Payments;

/// <summary>
/// <c>GET /v1/wallets/{address}/credits</c>: the Ozone credits of a wallet (as beneficiary; <c>st1…</c> or <c>0x…</c>),
/// newest first, paged; and, for operators, <c>GET /v1/payments?status=unmatched</c>: the payments in one status
/// (<c>pending</c>, <c>final</c>, <c>matched</c>, <c>unmatched</c> — the default: money nothing was credited for —,
/// <c>orphaned</c>), newest first, paged, each with the matcher's outcome and note and its credit (admin only:
/// <see cref="AuthExtensions.RequireAdmin"/>). Pages take
/// <c>limit</c> (1–200, default 50) and <c>before</c> (the previous page's <c>next</c>). Refusals: 422
/// <c>invalid-address</c>, <c>invalid-status</c>, <c>invalid-limit</c>.
/// </summary>
public static class PaymentEndpoints
{
    public const string InvalidStatus = "invalid-status";

    public const string DefaultStatus = "unmatched";

    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapGet("/wallets/{address}/credits", ByWalletAsync).WithName("GetWalletCredits").WithMetadata(new ProblemCodes(422, WalletAddress.InvalidAddress, PageRequest.InvalidLimit)).RequireRateLimiting(AnonymousRateLimits.Lookups);
        v1.MapGroup("/payments").RequireAdmin().MapGet("", InStatusAsync).WithName("GetPayments").WithMetadata(new ProblemCodes(422, InvalidStatus, PageRequest.InvalidLimit));
    }

    private static async Task<Results<Ok<WalletCreditPage>, ProblemHttpResult>> ByWalletAsync(string address,
        [FromQuery] string? limit, [FromQuery] string? before, PaymentReader reader, CancellationToken ct)
    {
        if (!WalletAddress.TryParse(address, out var wallet, out var error))
        {
            return ApiProblem.Invalid(WalletAddress.InvalidAddress, "Invalid wallet address", error);
        }
        if (!PageRequest.TryParse(limit, before, out var page, out var problem))
        {
            return problem;
        }
        return TypedResults.Ok(await reader.ForWalletAsync(wallet, page, ct));
    }

    private static async Task<Results<Ok<PaymentPage>, ProblemHttpResult>> InStatusAsync([FromQuery] string? status,
        [FromQuery] string? limit, [FromQuery] string? before, PaymentReader reader, CancellationToken ct)
    {
        status ??= DefaultStatus;
        if (!PaymentReader.Statuses.Contains(status, StringComparer.Ordinal))
        {
            return ApiProblem.Invalid(InvalidStatus, "Invalid payment status",
                $"status {ApiProblem.Quote(status)} is not a payment status: use one of {string.Join(", ", PaymentReader.Statuses)}");
        }
        if (!PageRequest.TryParse(limit, before, out var page, out var problem))
        {
            return problem;
        }
        return TypedResults.Ok(await reader.InStatusAsync(status, page, ct));
    }
}
