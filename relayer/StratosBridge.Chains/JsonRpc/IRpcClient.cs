using Polly;

namespace StratosBridge.Chains.JsonRpc;

/// <summary>A protocol's JSON-RPC client, as <see cref="IRpcClientFactory{TClient}"/> builds it for a named endpoint.</summary>
public interface IRpcClient<out TClient>
    where TClient : IRpcClient<TClient>
{
    /// <summary>The protocol's error taxonomy (and its name).</summary>
    static abstract RpcFaults Faults { get; }

    /// <summary>A client over the endpoint's HttpClient (base address = the RPC URL) and resilience pipeline.</summary>
    static abstract TClient Create(HttpClient http, ResiliencePipeline pipeline);
}

/// <summary>Hands out the client of a configured endpoint (an EVM chain, a Solana cluster).</summary>
public interface IRpcClientFactory<out TClient>
{
    /// <summary>The names of the configured endpoints.</summary>
    IReadOnlyCollection<string> Names { get; }

    /// <summary>
    /// A client for the endpoint, over a fresh <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/> (cheap; the
    /// handlers are pooled) and the endpoint's resilience pipeline. Throws <see cref="ArgumentException"/> for an
    /// unconfigured name, and <c>OptionsValidationException</c> when the endpoint's options are invalid.
    /// </summary>
    TClient For(string name);
}
