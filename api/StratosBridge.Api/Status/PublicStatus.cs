using StratosBridge.Api.Pauses;

namespace StratosBridge.Api.Status;

/// <summary>
/// What GET /v1/status answers without the admin token: <c>paused</c> while any pause is in force (each in
/// <see cref="Pauses"/>: what it covers, since when, why; a breach's numbers only for operators), else <c>ok</c> when every watched chain is up, else
/// <c>degraded</c>, and each chain. Queues, job runs, errors and instance names are for operators
/// (<see cref="ServiceStatus"/>).
/// </summary>
public sealed record PublicStatus(string Status, IReadOnlyList<PublicChainStatus> Chains, IReadOnlyList<PauseView> Pauses);
