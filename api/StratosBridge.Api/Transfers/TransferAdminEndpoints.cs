using StratosBridge.Api.Docs;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using StratosBridge.Api.Auth;
using StratosBridge.Api.Jobs;
using StratosBridge.Api.Problems;
using StratosBridge.Ledger.Chains;
using StratosBridge.Ledger.Relaying;
using StratosBridge.Ledger.Transfers;
using StratosBridge.Relayer.Configuration;
using StratosBridge.Relayer.Jobs;

namespace StratosBridge.Api.Transfers;

/// <summary>
/// Operators decide about a transfer the relay will not move by itself (admin only, <see cref="AuthExtensions.RequireAdmin"/>):
/// <list type="bullet">
/// <item><c>POST /v1/admin/transfers/{id}/retry</c> <c>{operator, reason}</c>: a <c>failed</c> transfer (the vault refused
/// it for good, e.g. over its cap) goes back to <c>finalized</c> and is relayed again; the vault refuses a source event it
/// has already released, so a retry cannot pay twice;</item>
/// <item><c>POST /v1/admin/transfers/{id}/park</c> <c>{operator, reason}</c>: a <c>finalized</c> transfer (waiting to be
/// relayed, nothing signed) becomes <c>failed</c> with the reason, and stays until an operator retries it.</item>
/// </list>
/// Retry and park are checked here, then carried out by a Hangfire job (<see cref="OperatorDecisionJob"/>): 202 with the job's id, its page
/// on the dashboard (<c>Location</c>), the decision's id and the transfer as it is now; the decision takes effect once and
/// writes a timeline row with the operator and the reason. Refusals: 404 <c>transfer-not-found</c>, 409
/// <c>transfer-state</c>, 422 <c>invalid-transfer-action</c> (operator or reason missing).
/// </summary>
public static class TransferAdminEndpoints
{
    public const string NotFound = "transfer-not-found";
    public const string WrongState = "transfer-state";
    public const string InvalidAction = "invalid-transfer-action";

    public static void Map(RouteGroupBuilder v1)
    {
        var admin = v1.MapGroup("/admin/transfers").RequireAdmin();
        admin.MapPost("/{id:long}/retry", RetryAsync).WithName("RetryTransfer").WithMetadata(new ProblemCodes(404, NotFound), new ProblemCodes(409, WrongState));
        admin.MapPost("/{id:long}/park", ParkAsync).WithName("ParkTransfer").WithMetadata(new ProblemCodes(404, NotFound), new ProblemCodes(409, WrongState));
        admin.MapPost("/{id:long}/refund", RefundAsync).WithName("RefundTransfer").WithMetadata(new ProblemCodes(404, NotFound), new ProblemCodes(409, WrongState), new ProblemCodes(422, InvalidAction)).WithMetadata(new DocumentedBody(typeof(OperatorDecisionRequest)));
    }

    private static async Task<Results<Ok<TransferView>, ProblemHttpResult>> RefundAsync(long id, HttpRequest request, RefundStore refunds,
        TransferQueries transfers, ChainProgressQueries progress, IOptions<ChainsOptions> chains, CancellationToken ct)
    {
        var (body, problem) = await ApiProblem.ReadJsonAsync<OperatorDecisionRequest>(request, "{operator, reason}", ct);
        if (problem is not null)
        {
            return problem;
        }
        if (OperatorDecisionInput.Check(body!.Operator, body.Reason, InvalidAction) is { } refused)
        {
            return refused;
        }
        if (await transfers.ByIdAsync(id, ct) is not { } transfer)
        {
            return ApiProblem.NotFound(NotFound, $"no transfer {id}");
        }
        if (!await refunds.RequestAsync(id, OperatorDecisionInput.Actor(body.Operator!), body.Reason!, ct))
        {
            return ApiProblem.Create(StatusCodes.Status409Conflict, WrongState, "The transfer cannot be refunded",
                $"transfer {id} is {transfer.Status}; only a failed transfer is refunded");
        }
        var now = (await transfers.ByIdAsync(id, ct))!;
        var views = TransferViews.Present([now], chains.Value, await progress.ReadAsync([now.SourceChain], ct), DateTimeOffset.UtcNow);
        return TypedResults.Ok(views[0]);
    }

    private static Task<Results<Accepted<OperatorJobView>, ProblemHttpResult>> RetryAsync(long id, HttpRequest request, TransferStore transfers,
        IBackgroundJobClient jobs, CancellationToken ct) =>
        DecideAsync(id, request, transfers, TransferStore.RetriedByOperatorFrom, "retried", ct,
            (decision, actor, reason) => jobs.Enqueue<OperatorDecisionJob>(j => j.RetryTransferAsync(id, decision, actor, reason, CancellationToken.None)));

    private static Task<Results<Accepted<OperatorJobView>, ProblemHttpResult>> ParkAsync(long id, HttpRequest request, TransferStore transfers,
        IBackgroundJobClient jobs, CancellationToken ct) =>
        DecideAsync(id, request, transfers, TransferStore.ParkedByOperatorFrom, "parked", ct,
            (decision, actor, reason) => jobs.Enqueue<OperatorDecisionJob>(j => j.ParkTransferAsync(id, decision, actor, reason, CancellationToken.None)));

    private static async Task<Results<Accepted<OperatorJobView>, ProblemHttpResult>> DecideAsync(long id, HttpRequest request, TransferStore transfers,
        string from, string action, CancellationToken ct, Func<string, string, string, string> enqueue)
    {
        var (body, problem) = await ApiProblem.ReadJsonAsync<OperatorDecisionRequest>(request, "{operator, reason}", ct);
        if (problem is not null)
        {
            return problem;
        }
        if (OperatorDecisionInput.Check(body!.Operator, body.Reason, InvalidAction) is { } refusal)
        {
            return refusal;
        }
        if (await transfers.GetAsync(id, ct) is not { } transfer)
        {
            return ApiProblem.NotFound(NotFound, $"no transfer {id}");
        }
        if (transfer.Status != from)
        {
            return ApiProblem.Create(StatusCodes.Status409Conflict, WrongState, $"The transfer cannot be {action}",
                $"transfer {id} is {transfer.Status}; only a {from} transfer is {action} by hand");
        }
        var decision = OperatorJobView.NewDecision();
        var jobId = enqueue(decision, OperatorDecisionInput.Actor(body.Operator!), body.Reason!);
        return OperatorJobView.Accepted(jobId, decision,
            new TransferStateView(transfer.Id, transfer.SourceChain, transfer.DestChain, transfer.Status, transfer.Attempts, transfer.LastError));
    }
}
