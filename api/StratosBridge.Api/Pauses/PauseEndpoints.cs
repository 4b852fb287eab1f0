using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using StratosBridge.Api.Auth;
using StratosBridge.Api.Docs;
using StratosBridge.Api.Jobs;
using StratosBridge.Api.Problems;
using StratosBridge.Core.Pauses;
using StratosBridge.Core.Quotes;
using StratosBridge.Ledger.Pauses;
using StratosBridge.Relayer.Configuration;

namespace StratosBridge.Api.Pauses;

/// <summary>
/// Operators pause and resume work (admin only, <see cref="AuthExtensions.RequireAdmin"/>):
/// <list type="bullet">
/// <item><c>GET /v1/admin/pauses</c>: the pauses in force and the latest resumed ones, each with who, when and why;</item>
/// <item><c>POST /v1/admin/pauses</c> <c>{scope, chain?, destination?, operator, reason}</c>: 201 with the pause. Unlike the
/// operator decisions carried out by jobs, a pause is written at once (a pause must not wait behind a job queue); every
/// relay, refund and credit worker on every instance reads it at the start of its next round;</item>
/// <item><c>POST /v1/admin/pauses/{id}/resume</c> <c>{operator, reason}</c>: 200 with the pause, resumed. The work held waits
/// in the ledger in its state (a transfer <c>finalized</c>, a credit <c>ready</c>) and is taken by the next round, once,
/// as any other. Resuming a reconciliation pause accepts the difference it was raised for.</item>
/// </list>
/// Refusals: 422 <c>invalid-pause-scope</c>, <c>invalid-pause-chain</c> (not a configured chain, or not allowed for the
/// scope), <c>invalid-pause-route</c> (no such route), <c>invalid-pause</c> (operator or reason missing); 409
/// <c>already-paused</c> (that scope is paused by an operator already), 404 <c>pause-not-found</c>, 409
/// <c>pause-not-in-force</c> (resumed already), 409 <c>pause-on-chain</c> (a contract paused on-chain: unpause the contract;
/// the service resumes its pause when it reads it unpaused).
/// </summary>
public static class PauseEndpoints
{
    public const string InvalidScope = "invalid-pause-scope";
    public const string InvalidChain = "invalid-pause-chain";
    public const string InvalidRoute = "invalid-pause-route";
    public const string InvalidPause = "invalid-pause";
    public const string AlreadyPaused = "already-paused";
    public const string NotFound = "pause-not-found";
    public const string NotInForce = "pause-not-in-force";
    public const string OnChain = "pause-on-chain";

    /// <summary>409: new work (a quote, a card checkout) that a pause in force stops.</summary>
    public const string Paused = "paused";

    public static void Map(RouteGroupBuilder v1)
    {
        var admin = v1.MapGroup("/admin/pauses").RequireAdmin();
        admin.MapGet("", ListAsync).WithName("GetPauses");
        admin.MapPost("", PauseAsync).WithName("Pause").WithMetadata(new DocumentedBody(typeof(PauseRequest)))
            .WithMetadata(new ProblemCodes(422, InvalidScope, InvalidChain, InvalidRoute, InvalidPause), new ProblemCodes(409, AlreadyPaused));
        admin.MapPost("/{id:long}/resume", ResumeAsync).WithName("ResumePause").WithMetadata(new DocumentedBody(typeof(OperatorDecisionRequest)))
            .WithMetadata(new ProblemCodes(422, InvalidPause), new ProblemCodes(404, NotFound), new ProblemCodes(409, NotInForce, OnChain));
    }

    private static async Task<Ok<PauseList>> ListAsync(PauseStore pauses, CancellationToken ct) =>
        TypedResults.Ok(new PauseList((await pauses.RecentAsync(100, ct)).Select(PauseView.Of).ToList()));

    private static async Task<Results<Created<PauseView>, ProblemHttpResult>> PauseAsync(HttpRequest request, PauseStore pauses,
        IOptions<ChainsOptions> chains, BridgeRoutes routes, CancellationToken ct)
    {
        var (body, problem) = await ApiProblem.ReadJsonAsync<PauseRequest>(request, "{scope, chain, destination, operator, reason}", ct);
        if (problem is not null)
        {
            return problem;
        }
        if (!PauseSet.TryParseScope(body!.Scope, out var scope))
        {
            return ApiProblem.Invalid(InvalidScope, "Invalid pause scope",
                $"scope {ApiProblem.Quote(body.Scope ?? "(none)")} is not one of {string.Join(", ", Enum.GetValues<PauseScope>().Select(PauseSet.Wire))}");
        }
        if (CheckTarget(scope, body.Chain, body.Destination, chains, routes) is { } refusal)
        {
            return refusal;
        }
        if (OperatorDecisionInput.Check(body.Operator, body.Reason, InvalidPause) is { } missing)
        {
            return missing;
        }
        var (row, created) = await pauses.PauseAsync(new NewPause(scope, body.Chain, body.Destination, PauseOrigin.Operator, body.Reason!.Trim(),
            OperatorDecisionInput.Actor(body.Operator!)), ct);
        if (!created)
        {
            return ApiProblem.Create(StatusCodes.Status409Conflict, AlreadyPaused, "Already paused",
                $"{row.Pause.Covers} is paused by an operator already (pause {row.Pause.Id}): {row.Pause.Message}");
        }
        request.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PauseEndpoints))
            .LogWarning("Pause {PauseId} ({Covers}) by {Actor}: {Reason}", row.Pause.Id, row.Pause.Covers, row.Pause.PausedBy, row.Pause.Reason);
        return TypedResults.Created($"/v1/admin/pauses/{row.Pause.Id}", PauseView.Of(row));
    }

    /// <summary>Null when the chain and destination fit the scope and name what is configured; else the refusal.</summary>
    private static ProblemHttpResult? CheckTarget(PauseScope scope, string? chain, string? destination, IOptions<ChainsOptions> chains,
        BridgeRoutes routes)
    {
        var configured = chains.Value.Keys.ToList();
        switch (scope)
        {
            case PauseScope.All or PauseScope.Cards when chain is not null || destination is not null:
                return ApiProblem.Invalid(InvalidChain, "Invalid pause chain", $"scope {PauseSet.Wire(scope)} takes no chain nor destination");
            case PauseScope.Chain when chain is null || !configured.Contains(chain) || destination is not null:
                return ApiProblem.Invalid(InvalidChain, "Invalid pause chain",
                    $"scope chain takes one configured chain ({string.Join(", ", configured)}) and no destination; got {ApiProblem.Quote(chain ?? "(none)")}");
            case PauseScope.Route when chain is null || destination is null || routes.ReleasingVault(destination, chain) is null:
                var all = configured.SelectMany(s => configured.Where(d => routes.ReleasingVault(d, s) is not null).Select(d => $"{s} → {d}"));
                return ApiProblem.Invalid(InvalidRoute, "Invalid pause route",
                    $"scope route takes a source chain and a destination that form a route ({string.Join(", ", all)}); " +
                    $"got {ApiProblem.Quote(chain ?? "(none)")} → {ApiProblem.Quote(destination ?? "(none)")}");
            case PauseScope.Credits when destination is not null || (chain is not null && !Enum.GetValues<PayAsset>().Any(a => a.Chain() == chain)):
                return ApiProblem.Invalid(InvalidChain, "Invalid pause chain",
                    $"scope credits takes no destination and, optionally, the pay chain ({string.Join(", ", Enum.GetValues<PayAsset>().Select(a => a.Chain()))}); " +
                    $"got {ApiProblem.Quote(chain ?? "(none)")}");
            default:
                return null;
        }
    }

    private static async Task<Results<Ok<PauseView>, ProblemHttpResult>> ResumeAsync(long id, HttpRequest request, PauseStore pauses,
        CancellationToken ct)
    {
        var (body, problem) = await ApiProblem.ReadJsonAsync<OperatorDecisionRequest>(request, "{operator, reason}", ct);
        if (problem is not null)
        {
            return problem;
        }
        if (OperatorDecisionInput.Check(body!.Operator, body.Reason, InvalidPause) is { } missing)
        {
            return missing;
        }
        if (await pauses.ByIdAsync(id, ct) is not { } pause)
        {
            return ApiProblem.NotFound(NotFound, $"no pause {id}");
        }
        if (pause.Pause.Origin == PauseOrigin.OnChain && pause.InForce)
        {
            return ApiProblem.Create(StatusCodes.Status409Conflict, OnChain, "Paused on-chain",
                $"pause {id} mirrors a contract paused on-chain ({pause.Pause.Reason}): unpause the contract (through its timelock); " +
                "the service resumes this pause when it reads the contract unpaused");
        }
        var actor = OperatorDecisionInput.Actor(body.Operator!);
        if (await pauses.ResumeAsync(id, actor, body.Reason!.Trim(), ct) is not { } resumed)
        {
            var now = await pauses.ByIdAsync(id, ct);
            return ApiProblem.Create(StatusCodes.Status409Conflict, NotInForce, "The pause is not in force",
                $"pause {id} was resumed by {now?.ResumedBy} at {now?.ResumedAt:O}: {now?.ResumeReason}");
        }
        request.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PauseEndpoints))
            .LogWarning("Pause {PauseId} ({Covers}) resumed by {Actor}: {Reason}", id, resumed.Pause.Covers, actor, resumed.ResumeReason);
        return TypedResults.Ok(PauseView.Of(resumed));
    }
}
