using Microsoft.EntityFrameworkCore;
using StratosBridge.Core.States;
using StratosBridge.Core.Transfers;
using StratosBridge.Ledger.States;

namespace StratosBridge.Ledger.Transfers;

/// <summary>
/// Transfers outside the watcher's and the relay worker's paths: reading one, and operators' decisions (retry a failed
/// transfer, park one waiting to be relayed). A transfer whose worker died is claimed again when its lease runs out
/// (<see cref="Relaying.ReleaseStore.ClaimAsync"/>).
/// Transfers are opened by <see cref="Watching.ChainScanStore"/> and moved through <see cref="StateChange"/> with
/// <see cref="TransferStates.Machine"/>, like every state change.
/// </summary>
public sealed class TransferStore(IDbContextFactory<LedgerDbContext> contexts)
{
    private static readonly StateMachine<TransferStatus> Machine = TransferStates.Machine;

    /// <summary>The status an operator retries a transfer from.</summary>
    public static readonly string RetriedByOperatorFrom = Machine.Wire(TransferStatus.Failed);

    /// <summary>The status an operator parks a transfer from (waiting to be relayed: nothing of it is signed).</summary>
    public static readonly string ParkedByOperatorFrom = Machine.Wire(TransferStatus.Finalized);

    /// <summary>
    /// An operator's decision sends a failed transfer back to <c>finalized</c>, due now (the relay signs a release; the
    /// vault refuses a source event it has released already), once (<see cref="OperatorDecisions"/>).
    /// </summary>
    public Task<OperatorDecision> RetryByOperatorAsync(long transferId, string decision, string actor, string reason, CancellationToken ct = default) =>
        DecideOnceAsync(transferId, decision, "retry", TransferStatus.Failed, TransferStatus.Finalized, $"id = {transferId}",
            $"last_error = NULL, claimed_by = NULL, claimed_until = NULL, next_attempt_at = now()",
            new TransitionStep(actor, $"retried by an operator: {reason}"), ct);

    /// <summary>
    /// An operator's decision parks a transfer waiting to be relayed (<c>finalized</c>, no live claim: not being signed right
    /// now) as <c>failed</c> with the reason, once (<see cref="OperatorDecisions"/>).
    /// </summary>
    public Task<OperatorDecision> ParkByOperatorAsync(long transferId, string decision, string actor, string reason, CancellationToken ct = default) =>
        DecideOnceAsync(transferId, decision, "park", TransferStatus.Finalized, TransferStatus.Failed,
            $"id = {transferId} AND (claimed_until IS NULL OR claimed_until < now())",
            $"last_error = {reason}, claimed_by = NULL, claimed_until = NULL",
            new TransitionStep(actor, $"parked by an operator: {reason}"), ct);

    /// <summary>The status an operator releases, extends or holds a transfer in (held back by the governor).</summary>
    public static readonly string DelayedFrom = Machine.Wire(TransferStatus.Delayed);

    /// <summary>
    /// An operator's decision releases a delayed transfer now: back to <c>finalized</c>, due now, not checked against the
    /// governor's limits again (it still counts in the window when signed), once (<see cref="OperatorDecisions"/>).
    /// </summary>
    public Task<OperatorDecision> ReleaseDelayedByOperatorAsync(long transferId, string decision, string actor, string reason,
        CancellationToken ct = default) =>
        DecideOnceAsync(transferId, decision, "release", TransferStatus.Delayed, TransferStatus.Finalized, $"id = {transferId}",
            $"governor_released_by = {actor}, delayed_until = NULL, next_attempt_at = now()",
            new TransitionStep(actor, $"released by an operator: {reason}"), ct);

    /// <summary>
    /// An operator's decision keeps a delayed transfer back longer: <paramref name="by"/> more than its release time (from now
    /// when it was held indefinitely), once.
    /// </summary>
    public Task<OperatorDecision> ExtendDelayByOperatorAsync(long transferId, TimeSpan by, string decision, string actor, string reason,
        CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(by, TimeSpan.Zero);
        return DecideOnceAsync(transferId, decision, "extend", TransferStatus.Delayed, TransferStatus.Delayed, $"id = {transferId}",
            $"delayed_until = greatest(coalesce(delayed_until, now()), now()) + {by}",
            new TransitionStep(actor, $"delay extended by {by} by an operator: {reason}"), ct);
    }

    /// <summary>An operator's decision holds a delayed transfer indefinitely (no release time) until an operator releases it, once.</summary>
    public Task<OperatorDecision> HoldByOperatorAsync(long transferId, string decision, string actor, string reason, CancellationToken ct = default) =>
        DecideOnceAsync(transferId, decision, "hold", TransferStatus.Delayed, TransferStatus.Delayed, $"id = {transferId}",
            $"delayed_until = NULL, delay_reason = {"held by an operator: " + reason}",
            new TransitionStep(actor, $"held indefinitely by an operator: {reason}"), ct);

    /// <summary>
    /// Carries out an operator's decision once (<see cref="OperatorDecisions"/>): the transfer moves <paramref name="from"/> →
    /// <paramref name="to"/> where <paramref name="where"/> holds, with <paramref name="set"/> and a timeline row.
    /// </summary>
    private async Task<OperatorDecision> DecideOnceAsync(long transferId, string decision, string action, TransferStatus from, TransferStatus to,
        FormattableString where, FormattableString set, TransitionStep step, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await OperatorDecisions.ApplyOnceAsync(db, decision, Machine.Subject, transferId, action, async ct2 =>
            (await StateChange.MoveAsync(db, Machine, [from], to, where, set, step, ct2)).Count == 1, ct);
    }

    public async Task<TransferRow?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Transfers.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct);
    }
}
