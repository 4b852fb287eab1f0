namespace StratosBridge.Chains.Evm.Rpc;

/// <summary>Hands out the RPC client of a configured chain (registered with <see cref="EvmRpcServiceCollectionExtensions"/>).</summary>
public interface IEvmRpcClientFactory
{
    /// <summary>The names of the configured chains.</summary>
    IReadOnlyCollection<string> Chains { get; }

    /// <summary>
    /// A client for the chain, over a fresh <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/> (cheap; the
    /// handlers are pooled) and the chain's resilience pipeline. Throws <see cref="ArgumentException"/> for an
    /// unconfigured chain, and <c>OptionsValidationException</c> when the chain's options are invalid.
    /// </summary>
    EvmRpcClient For(string chainName);
}
