namespace StratosBridge.Api.Chains;

/// <summary>What GET /v1/chains answers: the configured chains by name.</summary>
public sealed record ChainList(IReadOnlyList<ChainView> Chains);
