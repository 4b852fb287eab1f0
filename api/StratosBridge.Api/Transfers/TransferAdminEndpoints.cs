using StratosBridge.Api.Docs;
using System.Linq.Expressions;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using StratosBridge.Api.Auth;
using StratosBridge.Api.Jobs;
using StratosBridge.Api.Paging;
using StratosBridge.Api.Problems;
using StratosBridge.Core.Transfers;
using StratosBridge.Ledger.Chains;
using StratosBridge.Ledger.Pauses;
using StratosBridge.Ledger.Relaying;
using StratosBridge.Ledger.Transfers;
using StratosBridge.Relayer.Configuration;
using StratosBridge.Relayer.Jobs;

namespace StratosBridge.Api.Transfers;

/// <summary>
/// Operators decide about a transfer the relay will not move by itself (admin only, <see cref="AuthExtensions.RequireAdmin"/>):
/// <list type="bullet">
/// <item><c>GET /v1/admin/transfers?status=delayed</c> (or <c>failed</c>, …): the transfers in one status (the governor's queue,
/// the parked ones), newest first, paged, each with its delay and the pauses holding it;</item>
/// <item><c>POST /v1/admin/transfers/{id}/retry</c> <c>{operator, reason}</c>: a <c>failed</c> transfer (the vault refused
/// it for good, e.g. over its cap) goes back to <c>finalized</c> and is relayed again; the vault refuses a source event it
/// has already released, so a retry cannot pay twice;</item>
/// <item><c>POST /v1/admin/transfers/{id}/park</c> <c>{operator, reason}</c>: a <c>finalized</c> transfer (waiting to be
/// relayed, nothing signed) becomes <c>failed</c> with the reason, and stays until an operator retries it;</item>
/// <item><c>POST /v1/admin/transfers/{id}/release</c> <c>{operator, reason}</c>: a <c>delayed</c> transfer (held back by the
/// governor) goes back to <c>finalized</c> now and is relayed without the governor's limits (it still counts in the window);</item>
/// <item><c>POST /v1/admin/transfers/{id}/extend</c> <c>{operator, reason, hours}</c>: a <c>delayed</c> transfer waits
/// <c>hours</c> (above 0, at most 720) longer;</item>
/// <item><c>POST /v1/admin/transfers/{id}/hold</c> <c>{operator, reason}</c>: a <c>delayed</c> transfer loses its release time
/// and waits until an operator releases it.</item>
/// </list>
/// These decisions are checked here, then carried out by a Hangfire job (<see cref="OperatorDecisionJob"/>): 202 with the job's id, its page
/// on the dashboard (<c>Location</c>), the decision's id and the transfer as it is now; the decision takes effect once and
/// writes a timeline row with the operator and the reason. Refusals: 404 <c>transfer-not-found</c>, 409
/// <c>transfer-state</c>, 422 <c>invalid-transfer-action</c> (operator or reason missing).
/// </summary>
public static class TransferAdminEndpoints
{
    public const string NotFound = "transfer-not-found";
    public const string WrongState = "transfer-state";
    public const string InvalidAction = "invalid-transfer-action";
    public const string InvalidStatus = "invalid-transfer-status";

    public static void Map(RouteGroupBuilder v1)
    {
        var admin = v1.MapGroup("/admin/transfers").RequireAdmin();
        admin.MapGet("", InStatusAsync).WithName("GetTransfersInStatus")
            .WithMetadata(new ProblemCodes(422, InvalidStatus, PageRequest.InvalidLimit));
        MapDecision(admin, "retry", "RetryTransfer", TransferStore.RetriedByOperatorFrom, "retried",
            (id, decision, actor, reason) => j => j.RetryTransferAsync(id, decision, actor, reason, CancellationToken.None));
        MapDecision(admin, "park", "ParkTransfer", TransferStore.ParkedByOperatorFrom, "parked",
            (id, decision, actor, reason) => j => j.ParkTransferAsync(id, decision, actor, reason, CancellationToken.None));
        MapDecision(admin, "release", "ReleaseDelayedTransfer", TransferStore.DelayedFrom, "released",
            (id, decision, actor, reason) => j => j.ReleaseDelayedTransferAsync(id, decision, actor, reason, CancellationToken.None));
        MapDecision(admin, "hold", "HoldDelayedTransfer", TransferStore.DelayedFrom, "held",
            (id, decision, actor, reason) => j => j.HoldTransferAsync(id, decision, actor, reason, CancellationToken.None));
        admin.MapPost("/{id:long}/extend", ExtendAsync).WithName("ExtendTransferDelay").WithMetadata(new DocumentedBody(typeof(DelayExtensionRequest)))
            .WithMetadata(new ProblemCodes(404, NotFound), new ProblemCodes(409, WrongState), new ProblemCodes(422, InvalidAction));
        admin.MapPost("/{id:long}/refund", RefundAsync).WithName("RefundTransfer").WithMetadata(new ProblemCodes(404, NotFound), new ProblemCodes(409, WrongState), new ProblemCodes(422, InvalidAction)).WithMetadata(new DocumentedBody(typeof(OperatorDecisionRequest)));
    }

    private static async Task<Results<Ok<WalletTransferPage>, ProblemHttpResult>> InStatusAsync([FromQuery] string? status,
        [FromQuery] string? limit, [FromQuery] string? before, TransferQueries transfers, ChainProgressQueries progress,
        IOptions<ChainsOptions> chains, PauseStore pauses, CancellationToken ct)
    {
        var statuses = TransferStates.Machine.Wires;
        status ??= TransferStates.Machine.Wire(TransferStatus.Delayed);
        if (!statuses.Contains(status, StringComparer.Ordinal))
        {
            return ApiProblem.Invalid(InvalidStatus, "Invalid transfer status",
                $"status {ApiProblem.Quote(status)} is not a transfer status: use one of {string.Join(", ", statuses)}");
        }
        if (!PageRequest.TryParse(limit, before, out var request, out var problem))
        {
            return problem;
        }
        var page = await transfers.ByStatusAsync(status, request.Limit, request.Before, ct);
        return TypedResults.Ok(new WalletTransferPage(await TransferEndpoints.PresentAsync(page.Transfers, progress, chains.Value, pauses, ct),
            page.NextBefore?.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static async Task<Results<Ok<TransferView>, ProblemHttpResult>> RefundAsync(long id, HttpRequest request, RefundStore refunds,
        TransferQueries transfers, ChainProgressQueries progress, IOptions<ChainsOptions> chains, PauseStore pauses, CancellationToken ct)
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
        var views = TransferViews.Present([now], chains.Value, await progress.ReadAsync([now.SourceChain], ct), await pauses.InForceAsync(ct),
            DateTimeOffset.UtcNow);
        return TypedResults.Ok(views[0]);
    }

    /// <summary>
    /// <c>POST /v1/admin/transfers/{id}/{verb}</c> <c>{operator, reason}</c>: an operator's decision on a transfer in
    /// <paramref name="from"/>, carried out by the Hangfire job <paramref name="job"/> builds (from the id, the decision's id, the
    /// actor and the reason).
    /// </summary>
    private static void MapDecision(RouteGroupBuilder admin, string verb, string name, string from, string action,
        Func<long, string, string, string, Expression<Func<OperatorDecisionJob, Task>>> job) =>
        admin.MapPost($"/{{id:long}}/{verb}", (long id, HttpRequest request, TransferStore transfers, IBackgroundJobClient jobs, CancellationToken ct) =>
                DecideAsync(id, request, transfers, from, action, ct, (decision, actor, reason) => jobs.Enqueue(job(id, decision, actor, reason))))
            .WithName(name).WithMetadata(new DocumentedBody(typeof(OperatorDecisionRequest)))
            .WithMetadata(new ProblemCodes(404, NotFound), new ProblemCodes(409, WrongState), new ProblemCodes(422, InvalidAction));

    private static Task<Results<Accepted<OperatorJobView>, ProblemHttpResult>> ExtendAsync(long id, HttpRequest request, TransferStore transfers,
        IBackgroundJobClient jobs, CancellationToken ct) =>
        DecideAsync<DelayExtensionRequest>(id, request, transfers, TransferStore.DelayedFrom, "extended", "{operator, reason, hours}",
            body => (body.Operator, body.Reason),
            body => body.Hours is > 0 and <= MaxExtensionHours
                ? null
                : ApiProblem.Invalid(InvalidAction, "Extension out of range", $"hours must be above 0 and at most {MaxExtensionHours}"),
            (body, decision, actor, reason) =>
            {
                var by = TimeSpan.FromHours((double)body.Hours!.Value);
                return jobs.Enqueue<OperatorDecisionJob>(j => j.ExtendTransferDelayAsync(id, by, decision, actor, reason, CancellationToken.None));
            }, ct);

    private const decimal MaxExtensionHours = 720;

    private static Task<Results<Accepted<OperatorJobView>, ProblemHttpResult>> DecideAsync(long id, HttpRequest request, TransferStore transfers,
        string from, string action, CancellationToken ct, Func<string, string, string, string> enqueue) =>
        DecideAsync<OperatorDecisionRequest>(id, request, transfers, from, action, "{operator, reason}", body => (body.Operator, body.Reason),
            _ => null, (_, decision, actor, reason) => enqueue(decision, actor, reason), ct);

    /// <summary>
    /// Reads and checks the decision (body, operator and reason, <paramref name="check"/>), then the transfer (404) and its
    /// state (409); enqueues the job and answers 202.
    /// </summary>
    private static async Task<Results<Accepted<OperatorJobView>, ProblemHttpResult>> DecideAsync<TBody>(long id, HttpRequest request,
        TransferStore transfers, string from, string action, string shape, Func<TBody, (string? Operator, string? Reason)> who,
        Func<TBody, ProblemHttpResult?> check, Func<TBody, string, string, string, string> enqueue, CancellationToken ct) where TBody : class
    {
        var (body, problem) = await ApiProblem.ReadJsonAsync<TBody>(request, shape, ct);
        if (problem is not null)
        {
            return problem;
        }
        var (@operator, reason) = who(body!);
        if ((OperatorDecisionInput.Check(@operator, reason, InvalidAction) ?? check(body!)) is { } refusal)
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
        var jobId = enqueue(body!, decision, OperatorDecisionInput.Actor(@operator!), reason!);
        return OperatorJobView.Accepted(jobId, decision,
            new TransferStateView(transfer.Id, transfer.SourceChain, transfer.DestChain, transfer.Status, transfer.Attempts, transfer.LastError));
    }
}
