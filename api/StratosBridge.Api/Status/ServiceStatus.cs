namespace StratosBridge.Api.Status;

/// <summary>What GET /v1/status answers.</summary>
public sealed record ServiceStatus(string Roles, string? Schema, IReadOnlyList<ChainHeadStatus> Chains,
    JobsStatus Jobs, IReadOnlyDictionary<string, long> TransfersByStatus, PaymentQueueStatus Payments,
    FailedSourceEventStatus FailedSourceEvents);
