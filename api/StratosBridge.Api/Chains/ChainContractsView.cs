namespace StratosBridge.Api.Chains;

/// <summary>The bridge's contracts on a chain, EIP-55 addresses; vaults by peer chain.</summary>
public sealed record ChainContractsView(IReadOnlyDictionary<string, string> Vaults, string? StosToken, string? OzonePayments,
    string? SystemContract, long FromBlock);
