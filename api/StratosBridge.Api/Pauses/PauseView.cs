using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using StratosBridge.Api.Problems;
using StratosBridge.Core.Pauses;
using StratosBridge.Ledger.Pauses;
using StratosBridge.Relayer.Configuration;

namespace StratosBridge.Api.Pauses;

/// <summary>
/// A pause as the API shows it: what it covers, who paused it (<c>operator:…</c>, <c>system:on-chain</c>,
/// <c>system:reconciliation</c>), since when and why (<see cref="Message"/> in one sentence), a reconciliation breach's numbers
/// (<see cref="Detail"/>), and once resumed, who resumed it, when and why.
/// </summary>
public sealed record PauseView(long Id, string Scope, string? Chain, string? Destination, string Covers, string Origin, string Reason,
    string PausedBy, DateTimeOffset PausedAt, string Message, bool InForce, JsonNode? Detail, string? ResumedBy, DateTimeOffset? ResumedAt,
    string? ResumeReason)
{
    public static PauseView Of(PauseRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var p = row.Pause;
        return new PauseView(p.Id, PauseSet.Wire(p.Scope), p.Chain, p.Destination, p.Covers, PauseSet.Wire(p.Origin), p.Reason, p.PausedBy,
            p.PausedAt, p.Message, row.InForce, row.DetailJson is null ? null : JsonNode.Parse(row.DetailJson), row.ResumedBy, row.ResumedAt,
            row.ResumeReason);
    }

    /// <summary>A pause in force, as the transfer, quote and status answers show it to everyone.</summary>
    public static PauseView Of(ActivePause pause) => Of(new PauseRow(pause, null, null, null, null, null));

    /// <summary>The pauses that hold credits for payments made on <paramref name="payChain"/> (and new quotes paid there).</summary>
    public static IReadOnlyList<PauseView> ForCredit(PauseSet paused, string payChain, IOptions<ChainsOptions> chains)
    {
        ArgumentNullException.ThrowIfNull(paused);
        ArgumentNullException.ThrowIfNull(chains);
        // the chain prepays are sent on: the one with Stratos' SystemContract (as the credit worker finds it)
        var stratos = chains.Value.Where(c => c.Value.Contracts.SystemContract is { Length: > 0 }).Select(c => c.Key).FirstOrDefault();
        return paused.ForCredit(payChain, stratos).Select(Of).ToList();
    }

    /// <summary>409 <c>paused</c>: what <paramref name="what"/> would start is stopped by <paramref name="pauses"/> (each said).</summary>
    public static ProblemHttpResult Refusal(string what, IReadOnlyList<PauseView> pauses) =>
        ApiProblem.Create(StatusCodes.Status409Conflict, PauseEndpoints.Paused, "Paused",
            $"{what} is paused: {string.Join("; ", pauses.Select(p => p.Message))}");
}
