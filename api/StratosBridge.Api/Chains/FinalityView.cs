namespace StratosBridge.Api.Chains;

/// <summary>A chain's finality policy: <c>finalized-tag</c> (Confirmations null) or <c>confirmations</c> (N blocks on top).</summary>
public sealed record FinalityView(string Policy, int? Confirmations);
