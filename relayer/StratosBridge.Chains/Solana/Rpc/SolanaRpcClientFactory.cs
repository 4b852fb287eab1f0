using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace StratosBridge.Chains.Solana.Rpc;

internal sealed class SolanaRpcClientFactory(
    IHttpClientFactory httpClients,
    IOptionsMonitor<SolanaRpcClientOptions> options,
    IEnumerable<SolanaRpcClusterRegistration> registrations,
    ILoggerFactory loggerFactory) : ISolanaRpcClientFactory
{
    private readonly HashSet<string> _clusters = registrations.Select(r => r.ClusterName).ToHashSet(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ResiliencePipeline> _pipelines = new(StringComparer.Ordinal);
    private readonly ILogger _logger = loggerFactory.CreateLogger<SolanaRpcClient>();

    public IReadOnlyCollection<string> Clusters => _clusters;

    public SolanaRpcClient For(string clusterName)
    {
        ArgumentNullException.ThrowIfNull(clusterName);
        if (!_clusters.Contains(clusterName))
        {
            throw new ArgumentException($"No Solana RPC client is configured for cluster '{clusterName}'.", nameof(clusterName));
        }
        var clusterOptions = options.Get(clusterName); // validates (OptionsValidationException when invalid)
        var pipeline = _pipelines.GetOrAdd(clusterName,
            static (name, state) => SolanaRpcResilience.CreatePipeline(state.Resilience, state.Logger, name),
            (clusterOptions.Resilience, Logger: _logger));
        return new SolanaRpcClient(httpClients.CreateClient(HttpClientName(clusterName)), pipeline);
    }

    internal static string HttpClientName(string clusterName) => $"StratosBridge.SolanaRpc:{clusterName}";
}
