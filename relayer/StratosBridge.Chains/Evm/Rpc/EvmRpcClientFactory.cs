using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace StratosBridge.Chains.Evm.Rpc;

internal sealed class EvmRpcClientFactory(
    IHttpClientFactory httpClients,
    IOptionsMonitor<EvmRpcClientOptions> options,
    IEnumerable<EvmRpcChainRegistration> registrations,
    ILoggerFactory loggerFactory) : IEvmRpcClientFactory
{
    private readonly HashSet<string> _chains = registrations.Select(r => r.ChainName).ToHashSet(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ResiliencePipeline> _pipelines = new(StringComparer.Ordinal);
    private readonly ILogger _logger = loggerFactory.CreateLogger<EvmRpcClient>();

    public IReadOnlyCollection<string> Chains => _chains;

    public EvmRpcClient For(string chainName)
    {
        ArgumentNullException.ThrowIfNull(chainName);
        if (!_chains.Contains(chainName))
        {
            throw new ArgumentException($"No EVM RPC client is configured for chain '{chainName}'.", nameof(chainName));
        }
        var chainOptions = options.Get(chainName); // validates (OptionsValidationException when invalid)
        var pipeline = _pipelines.GetOrAdd(chainName,
            static (name, state) => EvmRpcResilience.CreatePipeline(state.Resilience, state.Logger, name),
            (chainOptions.Resilience, Logger: _logger));
        return new EvmRpcClient(httpClients.CreateClient(HttpClientName(chainName)), pipeline);
    }

    internal static string HttpClientName(string chainName) => $"StratosBridge.EvmRpc:{chainName}";
}
