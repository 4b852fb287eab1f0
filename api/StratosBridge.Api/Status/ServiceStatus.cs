using StratosBridge.Api.Pauses;

namespace StratosBridge.Api.Status;

/// <summary>
/// What GET /v1/status answers operators: also the pauses in force (<see cref="Pauses"/>) and each reconciliation check's
/// latest result with its numbers (<see cref="Reconciliation"/>), and each attester with its lag (<see cref="Attesters"/>).
/// </summary>
public sealed record ServiceStatus(string Roles, string? Schema, IReadOnlyList<ChainHeadStatus> Chains,
    JobsStatus Jobs, IReadOnlyDictionary<string, long> TransfersByStatus, PaymentQueueStatus Payments,
    FailedSourceEventStatus FailedSourceEvents, IReadOnlyList<PauseView> Pauses, IReadOnlyList<ReconciliationCheckView> Reconciliation,
    IReadOnlyList<AttesterStatus> Attesters);
