namespace StratosBridge.Chains.Solana.Rpc;

/// <summary>Hands out the RPC client of a configured Solana cluster (registered with <see cref="SolanaRpcServiceCollectionExtensions"/>).</summary>
public interface ISolanaRpcClientFactory
{
    /// <summary>The names of the configured clusters.</summary>
    IReadOnlyCollection<string> Clusters { get; }

    /// <summary>
    /// A client for the cluster, over a fresh <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/> (cheap; the
    /// handlers are pooled) and the cluster's resilience pipeline. Throws <see cref="ArgumentException"/> for an
    /// unconfigured cluster, and <c>OptionsValidationException</c> when its options are invalid.
    /// </summary>
    SolanaRpcClient For(string clusterName);
}
