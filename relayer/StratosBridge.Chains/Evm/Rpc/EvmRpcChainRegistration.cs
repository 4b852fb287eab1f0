namespace StratosBridge.Chains.Evm.Rpc;

/// <summary>Marks a chain configured by <see cref="EvmRpcServiceCollectionExtensions"/>.</summary>
internal sealed record EvmRpcChainRegistration(string ChainName);
