namespace StratosBridge.Api.Chains;

/// <summary>
/// How deep a source event's block is (a lock's, a payment's: <see cref="Current"/>, null if unknown or orphaned) against
/// what its chain's <see cref="Finality"/> policy needs (<c>finalized-tag</c> or <c>confirmations</c>; null for a chain
/// that is not configured).
/// </summary>
public sealed record ConfirmationsView(long? Current, long? Needed, string? Finality);
