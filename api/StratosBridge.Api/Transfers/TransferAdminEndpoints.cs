using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using StratosBridge.Api.Auth;
using StratosBridge.Api.Problems;
using StratosBridge.Ledger.Chains;
using StratosBridge.Ledger.Relaying;
using StratosBridge.Ledger.Transfers;
using StratosBridge.Relayer.Configuration;

namespace StratosBridge.Api.Transfers;

/// <summary>
/// Operators decide what the service never does on its own (admin only, <see cref="AuthExtensions.RequireAdmin"/>):
/// <c>POST /v1/admin/transfers/{id}/refund</c> <c>{operator, reason}</c> sends a transfer that failed for good down the refund
/// path (<c>failed → cancelling → refunding → refunded</c>, driven by the refund worker: the destination vault cancels the lock's
/// id, then the source vault pays the sender back). The answer is the transfer, its timeline and state as
/// <c>GET /v1/transfers/…</c> shows them. Refusals: 404 <c>transfer-not-found</c>, 409 <c>transfer-state</c> (not failed, or
/// moved meanwhile), 422 <c>invalid-transfer-action</c> (operator or reason missing).
/// </summary>
public static class TransferAdminEndpoints
{
    public const string NotFound = "transfer-not-found";
    public const string WrongState = "transfer-state";
    public const string InvalidAction = "invalid-transfer-action";

    public static void Map(RouteGroupBuilder v1)
    {
        var admin = v1.MapGroup("/admin/transfers").RequireAdmin();
        admin.MapPost("/{id:long}/refund", RefundAsync).WithName("RefundTransfer");
    }

    private static async Task<Results<Ok<TransferView>, ProblemHttpResult>> RefundAsync(long id, HttpRequest request, RefundStore refunds,
        TransferQueries transfers, ChainProgressQueries progress, IOptions<ChainsOptions> chains, CancellationToken ct)
    {
        var (body, problem) = await ApiProblem.ReadJsonAsync<TransferDecisionRequest>(request, "{operator, reason}", ct);
        if (problem is not null)
        {
            return problem;
        }
        if (OperatorDecision.Check(body!.Operator, body.Reason, InvalidAction, "transfer") is { } refused)
        {
            return refused;
        }
        if (await transfers.ByIdAsync(id, ct) is not { } transfer)
        {
            return ApiProblem.NotFound(NotFound, $"no transfer {id}");
        }
        if (!await refunds.RequestAsync(id, OperatorDecision.Actor(body.Operator!), body.Reason!, ct))
        {
            return ApiProblem.Create(StatusCodes.Status409Conflict, WrongState, "The transfer cannot be refunded",
                $"transfer {id} is {transfer.Status}; only a failed transfer is refunded");
        }
        var now = (await transfers.ByIdAsync(id, ct))!;
        var views = TransferViews.Present([now], chains.Value, await progress.ReadAsync([now.SourceChain], ct), DateTimeOffset.UtcNow);
        return TypedResults.Ok(views[0]);
    }
}
