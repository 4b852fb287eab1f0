using System.ComponentModel;
using Microsoft.Extensions.Logging;
using StratosBridge.Ledger.Payments;
using StratosBridge.Ledger.States;

namespace StratosBridge.Relayer.Payments;

/// <summary>
/// Operators' decisions on a credit, as Hangfire jobs (enqueued by <c>POST /v1/admin/credits/{id}/settle|retry</c> once the
/// request is checked), so that each is visible on the dashboard, retried if the ledger is down, and recorded. Arguments
/// are the credit's id, the decision's id and the operator's words. A decision takes effect once however often its job
/// runs (<see cref="OperatorDecisions"/>); the result (shown on the dashboard) says what it did.
/// </summary>
public sealed class CreditDecisionJob(CreditStore credits, ILogger<CreditDecisionJob> logger)
{
    [DisplayName("Settle credit {0} with {3} (decision {1})")]
    public async Task<string> SettleAsync(long creditId, string decision, string chain, string txHash, long blockNumber, string actor,
        string reason, CancellationToken ct)
    {
        var outcome = await credits.SettleByOperatorAsync(creditId, decision, chain, txHash, blockNumber, actor, reason, ct);
        return Report(outcome, creditId, decision, actor, $"settled with {txHash}");
    }

    [DisplayName("Retry credit {0} (decision {1})")]
    public async Task<string> RetryAsync(long creditId, string decision, string actor, string reason, CancellationToken ct)
    {
        var outcome = await credits.RetryByOperatorAsync(creditId, decision, actor, reason, ct);
        return Report(outcome, creditId, decision, actor, "back to ready: a new prepay will be signed");
    }

    private string Report(OperatorDecision outcome, long creditId, string decision, string actor, string applied)
    {
        switch (outcome)
        {
            case OperatorDecision.Applied:
                logger.LogWarning("Credit {CreditId} {Action} by {Actor} (decision {Decision})", creditId, applied, actor, decision);
                return $"credit {creditId} {applied}";
            case OperatorDecision.NotApplicable:
                logger.LogWarning("Decision {Decision} of {Actor} on credit {CreditId} not applied: the credit moved meanwhile", decision, actor, creditId);
                return $"not applied: credit {creditId} moved meanwhile (read it again)";
            default:
                logger.LogInformation("Decision {Decision} on credit {CreditId} was already carried out; nothing done again", decision, creditId);
                return $"decision {decision} was already carried out";
        }
    }
}
