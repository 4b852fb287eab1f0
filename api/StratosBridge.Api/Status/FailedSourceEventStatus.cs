using StratosBridge.Api.Transfers;

namespace StratosBridge.Api.Status;

/// <summary>
/// Logs of watched contracts that could not be decoded (failed source events): how many, and the latest. Each one is
/// an <c>ALARM</c>: locked tokens or a payment without a transfer or credit until an operator acts
/// (raw logs at <c>GET /v1/admin/source-events/failed</c>).
/// </summary>
public sealed record FailedSourceEventStatus(long Count, FailedSourceEventView? Latest);
