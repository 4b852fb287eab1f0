namespace StratosBridge.Chains.Solana.Rpc;

/// <summary>Marks a cluster configured by <see cref="SolanaRpcServiceCollectionExtensions"/>.</summary>
internal sealed record SolanaRpcClusterRegistration(string ClusterName);
