namespace StratosBridge.Api.Transfers;

/// <summary>
/// How deep a transfer's source block is (<see cref="Current"/>, null if unknown or orphaned) against what its chain's
/// <see cref="Finality"/> policy needs (<c>finalized-tag</c> or <c>confirmations</c>; null for a chain no longer configured).
/// </summary>
public sealed record ConfirmationsView(long? Current, long? Needed, string? Finality);
