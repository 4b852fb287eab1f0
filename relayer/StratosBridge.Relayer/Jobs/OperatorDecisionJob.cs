using System.ComponentModel;
using Microsoft.Extensions.Logging;
using StratosBridge.Ledger.Payments;
using StratosBridge.Ledger.States;
using StratosBridge.Ledger.Transfers;

namespace StratosBridge.Relayer.Jobs;

/// <summary>
/// Operators' decisions as Hangfire jobs, enqueued by the admin API once the request is checked (settle or retry a credit,
/// retry or park a transfer), so that each is visible on the dashboard, retried if the ledger is down, and recorded.
/// Arguments are the subject's id, the decision's id and the operator's words. A decision takes effect once however often
/// its job runs (<see cref="OperatorDecisions"/>); the result (shown on the dashboard) says what it did.
/// </summary>
public sealed class OperatorDecisionJob(CreditStore credits, TransferStore transfers, ILogger<OperatorDecisionJob> logger)
{
    [DisplayName("Settle credit {0} with {3} (decision {1})")]
    public async Task<string> SettleCreditAsync(long creditId, string decision, string chain, string txHash, long blockNumber, string actor,
        string reason, CancellationToken ct) =>
        Report(await credits.SettleByOperatorAsync(creditId, decision, chain, txHash, blockNumber, actor, reason, ct),
            $"credit {creditId}", decision, actor, $"settled with {txHash}");

    [DisplayName("Retry credit {0} (decision {1})")]
    public async Task<string> RetryCreditAsync(long creditId, string decision, string actor, string reason, CancellationToken ct) =>
        Report(await credits.RetryByOperatorAsync(creditId, decision, actor, reason, ct),
            $"credit {creditId}", decision, actor, "back to ready: a new prepay will be signed");

    [DisplayName("Retry transfer {0} (decision {1})")]
    public async Task<string> RetryTransferAsync(long transferId, string decision, string actor, string reason, CancellationToken ct) =>
        Report(await transfers.RetryByOperatorAsync(transferId, decision, actor, reason, ct),
            $"transfer {transferId}", decision, actor, "back to finalized: the relay will release it");

    [DisplayName("Park transfer {0} (decision {1})")]
    public async Task<string> ParkTransferAsync(long transferId, string decision, string actor, string reason, CancellationToken ct) =>
        Report(await transfers.ParkByOperatorAsync(transferId, decision, actor, reason, ct),
            $"transfer {transferId}", decision, actor, "parked as failed: nothing is relayed until an operator retries it");

    [DisplayName("Release delayed transfer {0} (decision {1})")]
    public async Task<string> ReleaseDelayedTransferAsync(long transferId, string decision, string actor, string reason, CancellationToken ct) =>
        Report(await transfers.ReleaseDelayedByOperatorAsync(transferId, decision, actor, reason, ct),
            $"transfer {transferId}", decision, actor, "released from the governor's delay: the relay will release it now");

    [DisplayName("Extend the delay of transfer {0} by {1} (decision {2})")]
    public async Task<string> ExtendTransferDelayAsync(long transferId, TimeSpan by, string decision, string actor, string reason, CancellationToken ct) =>
        Report(await transfers.ExtendDelayByOperatorAsync(transferId, by, decision, actor, reason, ct),
            $"transfer {transferId}", decision, actor, $"delayed {by} longer");

    [DisplayName("Hold delayed transfer {0} (decision {1})")]
    public async Task<string> HoldTransferAsync(long transferId, string decision, string actor, string reason, CancellationToken ct) =>
        Report(await transfers.HoldByOperatorAsync(transferId, decision, actor, reason, ct),
            $"transfer {transferId}", decision, actor, "held indefinitely: nothing is relayed until an operator releases it");

    private string Report(OperatorDecision outcome, string subject, string decision, string actor, string applied)
    {
        switch (outcome)
        {
            case OperatorDecision.Applied:
                logger.LogWarning("{Subject} {Action} by {Actor} (decision {Decision})", subject, applied, actor, decision);
                return $"{subject} {applied}";
            case OperatorDecision.NotApplicable:
                logger.LogWarning("Decision {Decision} of {Actor} on {Subject} not applied: it moved meanwhile", decision, actor, subject);
                return $"not applied: {subject} moved meanwhile (read it again)";
            default:
                logger.LogInformation("Decision {Decision} on {Subject} was already carried out; nothing done again", decision, subject);
                return $"decision {decision} was already carried out";
        }
    }
}
