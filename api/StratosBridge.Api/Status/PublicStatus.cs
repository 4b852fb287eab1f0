namespace StratosBridge.Api.Status;

/// <summary>
/// What GET /v1/status answers without the admin token: <c>ok</c> when every watched chain is up, else
/// <c>degraded</c>, and each chain. Queues, job runs, errors and instance names are for operators
/// (<see cref="ServiceStatus"/>).
/// </summary>
public sealed record PublicStatus(string Status, IReadOnlyList<PublicChainStatus> Chains);
