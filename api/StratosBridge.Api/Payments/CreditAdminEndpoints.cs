using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using StratosBridge.Api.Auth;
using StratosBridge.Api.Docs;
using StratosBridge.Api.Jobs;
using StratosBridge.Api.Paging;
using StratosBridge.Api.Problems;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Ledger.Payments;
using StratosBridge.Relayer.Configuration;
using StratosBridge.Relayer.Jobs;
using StratosBridge.Relayer.Payments;

namespace StratosBridge.Api.Payments;

/// <summary>
/// Operators decide what the service never redoes on its own (admin only, <see cref="AuthExtensions.RequireAdmin"/>):
/// <list type="bullet">
/// <item><c>GET /v1/admin/credits?status=needs-operator</c> (or <c>failed</c>, …): the credits in one status, newest first, paged;</item>
/// <item><c>POST /v1/admin/credits/{id}/settle</c> <c>{txHash, operator, reason}</c>: a <c>needs-operator</c> credit (or a
/// <c>ready</c> or <c>failed</c> one, e.g. after restoring the ledger from a backup) becomes
/// <c>completed</c> with <c>txHash</c>, which must be a prepay of ours mined with success on Stratos (its receipt succeeded, it
/// called the SystemContract from a signer this ledger uses) that no other credit claims;</item>
/// <item><c>POST /v1/admin/credits/{id}/retry</c> <c>{operator, reason}</c>: a <c>needs-operator</c> or <c>failed</c> credit goes
/// back to <c>ready</c>, and a new prepay is signed: only after checking the chain that the earlier one bought nothing.</item>
/// </list>
/// Both are checked here, then carried out by a Hangfire job (<see cref="OperatorDecisionJob"/>): the answer is 202 with the
/// job's id, its page on the dashboard (<c>Location</c>) and the credit as it is now; the decision takes effect once, as soon
/// as a <c>jobs</c> instance runs it, and writes a timeline row with the operator and the reason. Refusals: 404 <c>credit-not-found</c>, 409
/// <c>credit-state</c> (not in a state the action applies to, or moved meanwhile, or a grant's failed credit: its claim gave
/// its reservation back and the wallet claims again instead), 422 <c>invalid-credit-action</c>
/// (operator or reason missing), 422 <c>invalid-settlement-tx</c> (the transaction named is not a mined prepay of ours).
/// </summary>
public static class CreditAdminEndpoints
{
    public const string NotFound = "credit-not-found";
    public const string WrongState = "credit-state";
    public const string InvalidAction = "invalid-credit-action";
    public const string InvalidTx = "invalid-settlement-tx";

    public static void Map(RouteGroupBuilder v1)
    {
        var admin = v1.MapGroup("/admin/credits").RequireAdmin();
        admin.MapGet("", InStatusAsync).WithName("GetCreditsInStatus").WithMetadata(new ProblemCodes(422, PaymentEndpoints.InvalidStatus, PageRequest.InvalidLimit));
        admin.MapPost("/{id:long}/settle", SettleAsync).WithName("SettleCredit").WithMetadata(new ProblemCodes(404, NotFound), new ProblemCodes(409, WrongState), new ProblemCodes(422, InvalidAction, InvalidTx)).WithMetadata(new DocumentedBody(typeof(CreditDecisionRequest)));
        admin.MapPost("/{id:long}/retry", RetryAsync).WithName("RetryCredit").WithMetadata(new ProblemCodes(404, NotFound), new ProblemCodes(409, WrongState), new ProblemCodes(422, InvalidAction)).WithMetadata(new DocumentedBody(typeof(CreditDecisionRequest)));
    }

    private static async Task<Results<Ok<WalletCreditPage>, ProblemHttpResult>> InStatusAsync([FromQuery] string? status, [FromQuery] string? limit,
        [FromQuery] string? before, PaymentReader reader, CancellationToken ct)
    {
        status ??= CreditStore.NeedsOperator;
        if (!CreditStore.Statuses.Contains(status, StringComparer.Ordinal))
        {
            return ApiProblem.Invalid(PaymentEndpoints.InvalidStatus, "Invalid credit status",
                $"status {ApiProblem.Quote(status)} is not a credit status: use one of {string.Join(", ", CreditStore.Statuses)}");
        }
        if (!PageRequest.TryParse(limit, before, out var page, out var problem))
        {
            return problem;
        }
        return TypedResults.Ok(await reader.CreditsInStatusAsync(status, page, ct));
    }

    private static async Task<Results<Accepted<OperatorJobView>, ProblemHttpResult>> SettleAsync(long id, HttpRequest request, CreditStore credits,
        ChainClients chains, PaymentReader reader, IBackgroundJobClient jobs, CancellationToken ct)
    {
        var (body, credit, problem) = await DecisionAsync(id, request, "{txHash, operator, reason}", credits, ct);
        if (problem is not null)
        {
            return problem;
        }
        if (ReleasedGrant(credit) is { } released)
        {
            return released;
        }
        if (!CreditStore.SettledByOperatorFrom.Contains(credit.Status))
        {
            return ApiProblem.Create(StatusCodes.Status409Conflict, WrongState, "The credit cannot be settled by hand",
                $"credit {id} is {credit.Status}; only a {string.Join(", ", CreditStore.SettledByOperatorFrom)} credit is settled by hand");
        }
        if (body.TxHash is not { Length: 66 } hash || !hash.StartsWith("0x", StringComparison.Ordinal) || !Hex.TryDecode(hash, out var bytes)
            || bytes.Length != 32)
        {
            return ApiProblem.Invalid(InvalidTx, "Invalid settlement transaction", "txHash must be a 0x-prefixed 32-byte transaction hash");
        }
        hash = hash.ToLowerInvariant();
        if (OzoneCreditWorker.StratosChain(chains) is not { } stratos)
        {
            return ApiProblem.Invalid(InvalidTx, "Invalid settlement transaction", "no configured chain has Stratos' SystemContract");
        }
        var receipt = await chains.Rpc(stratos).GetTransactionReceiptAsync(hash, ct);
        var refusal = receipt switch
        {
            null => $"{hash} is not mined on {stratos}",
            _ when !receipt.Succeeded() => $"{hash} reverted on {stratos}: it bought nothing",
            _ when !string.Equals(receipt.To, StratosSystemContract.Address.ToLowerHex(), StringComparison.OrdinalIgnoreCase) =>
                $"{hash} did not call the SystemContract: it is not a prepay",
            _ when !await credits.IsOurSignerAsync(stratos, receipt.From.ToLowerInvariant(), ct) => $"{hash} was sent by {receipt.From}, not by a signer of this ledger",
            _ when await credits.CreditOfTxAsync(hash, ct) is { } other && other != id => $"{hash} already completes credit {other}",
            _ => null,
        };
        if (refusal is not null)
        {
            return ApiProblem.Invalid(InvalidTx, "Invalid settlement transaction", refusal);
        }
        var decision = OperatorJobView.NewDecision();
        var blockNumber = receipt!.BlockNumber.ToLong();
        var actor = OperatorDecisionInput.Actor(body.Operator!);
        var reason = body.Reason!;
        var jobId = jobs.Enqueue<OperatorDecisionJob>(j => j.SettleCreditAsync(id, decision, stratos, hash, blockNumber, actor, reason, CancellationToken.None));
        return OperatorJobView.Accepted(jobId, decision, await reader.CreditAsync(id, ct));
    }

    private static async Task<Results<Accepted<OperatorJobView>, ProblemHttpResult>> RetryAsync(long id, HttpRequest request, CreditStore credits,
        PaymentReader reader, IBackgroundJobClient jobs, CancellationToken ct)
    {
        var (body, credit, problem) = await DecisionAsync(id, request, "{operator, reason}", credits, ct);
        if (problem is not null)
        {
            return problem;
        }
        if (ReleasedGrant(credit) is { } released)
        {
            return released;
        }
        if (!CreditStore.RetriedByOperatorFrom(credit.Status))
        {
            return ApiProblem.Create(StatusCodes.Status409Conflict, WrongState, "The credit cannot be retried",
                $"credit {id} is {credit.Status}; only a needs-operator or failed credit is retried by hand");
        }
        var decision = OperatorJobView.NewDecision();
        var actor = OperatorDecisionInput.Actor(body.Operator!);
        var reason = body.Reason!;
        var jobId = jobs.Enqueue<OperatorDecisionJob>(j => j.RetryCreditAsync(id, decision, actor, reason, CancellationToken.None));
        return OperatorJobView.Accepted(jobId, decision, await reader.CreditAsync(id, ct));
    }

    /// <summary>409 <c>credit-state</c> for a grant's failed credit, whose claim gave its reservation back (it is over); otherwise null.</summary>
    private static ProblemHttpResult? ReleasedGrant(CreditRow credit) => CreditStore.IsReleasedGrant(credit)
        ? ApiProblem.Create(StatusCodes.Status409Conflict, WrongState, "The grant's claim is over",
            $"credit {credit.Id} of grant program '{credit.GrantProgram}' failed and its claim gave its reservation back to the program's " +
            "budget: it is neither settled nor retried by hand; the wallet may claim the grant again")
        : null;

    /// <summary>Reads an operator's decision and the credit it is about: the body (operator and reason present), the credit, or the refusal.</summary>
    private static async Task<(CreditDecisionRequest Body, CreditRow Credit, ProblemHttpResult? Problem)> DecisionAsync(long id, HttpRequest request,
        string shape, CreditStore credits, CancellationToken ct)
    {
        var (body, problem) = await ApiProblem.ReadJsonAsync<CreditDecisionRequest>(request, shape, ct);
        if (problem is not null)
        {
            return (null!, null!, problem);
        }
        if (OperatorDecisionInput.Check(body!.Operator, body.Reason, InvalidAction) is { } refusal)
        {
            return (null!, null!, refusal);
        }
        return await credits.ByIdAsync(id, ct) is { } credit
            ? (body, credit, null)
            : (null!, null!, ApiProblem.NotFound(NotFound, $"no credit {id}"));
    }
}
