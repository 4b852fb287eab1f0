using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace StratosBridge.Chains.JsonRpc;

/// <summary>
/// Registers JSON-RPC endpoints of one protocol by name: named <see cref="RpcEndpointOptions"/> (validated at start-up),
/// a named <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/> without request logging (RPC URLs often carry a
/// provider key), and <see cref="IRpcClientFactory{TClient}"/> to get a client with the endpoint's resilience pipeline:
/// <c>services.AddRpcClient&lt;EvmRpcClient&gt;("ethereum", url)</c>, then <c>factory.For("ethereum")</c>.
/// </summary>
public static class RpcClientServiceCollectionExtensions
{
    public static IServiceCollection AddRpcClient<TClient>(this IServiceCollection services, string name, Uri rpcUrl,
        RpcResilienceOptions? resilience = null)
        where TClient : IRpcClient<TClient>
    {
        ArgumentNullException.ThrowIfNull(rpcUrl);
        return services.AddRpcClient<TClient>(name, options =>
        {
            options.RpcUrl = rpcUrl;
            options.Resilience = resilience ?? new RpcResilienceOptions();
        });
    }

    public static IServiceCollection AddRpcClient<TClient>(this IServiceCollection services, string name,
        Action<RpcEndpointOptions> configure)
        where TClient : IRpcClient<TClient>
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        var protocol = TClient.Faults.Protocol;
        if (services.Any(d => d.ServiceType == typeof(RpcEndpointRegistration)
                              && d.ImplementationInstance is RpcEndpointRegistration r && r.Protocol == protocol && r.Name == name))
        {
            throw new InvalidOperationException($"An {protocol} RPC client named '{name}' is registered already.");
        }
        services.AddSingleton(new RpcEndpointRegistration(protocol, name));
        services.AddRpcClientFactory<TClient>();
        var key = Key<TClient>(name);
        services.AddHttpClient(key)
            .ConfigureHttpClient((provider, http) =>
            {
                var options = provider.GetRequiredService<IOptionsMonitor<RpcEndpointOptions>>().Get(key);
                http.BaseAddress = options.RpcUrl;
                http.Timeout = Timeout.InfiniteTimeSpan; // the pipeline times each attempt; the caller's token bounds the whole
                http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            })
            // The default HttpClient logging writes the full request URL, and RPC URLs often carry a provider key.
            .RemoveAllLoggers();
        services.AddOptions<RpcEndpointOptions>(key).Configure(configure).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    /// <summary>
    /// The factory alone, with no endpoint yet: what every role resolves also where none is configured (an API-only or
    /// card-only instance); <see cref="IRpcClientFactory{TClient}.Names"/> is then empty.
    /// </summary>
    public static IServiceCollection AddRpcClientFactory<TClient>(this IServiceCollection services)
        where TClient : IRpcClient<TClient>
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHttpClient();
        services.TryAddSingleton<IRpcClientFactory<TClient>, RpcClientFactory<TClient>>();
        return services;
    }

    /// <summary>The name of the endpoint's options and HttpClient: protocol and endpoint, so an EVM chain and a Solana
    /// cluster may share a name.</summary>
    internal static string Key<TClient>(string name)
        where TClient : IRpcClient<TClient> => $"StratosBridge.Rpc:{TClient.Faults.Protocol}:{name}";

    internal sealed record RpcEndpointRegistration(string Protocol, string Name);

    internal sealed class RpcClientFactory<TClient>(
        IHttpClientFactory httpClients,
        IOptionsMonitor<RpcEndpointOptions> options,
        IEnumerable<RpcEndpointRegistration> registrations,
        ILoggerFactory loggerFactory) : IRpcClientFactory<TClient>
        where TClient : IRpcClient<TClient>
    {
        private readonly HashSet<string> _names = registrations.Where(r => r.Protocol == TClient.Faults.Protocol)
            .Select(r => r.Name).ToHashSet(StringComparer.Ordinal);

        private readonly ConcurrentDictionary<string, ResiliencePipeline> _pipelines = new(StringComparer.Ordinal);
        private readonly ILogger _logger = loggerFactory.CreateLogger(typeof(TClient));

        public IReadOnlyCollection<string> Names => _names;

        public TClient For(string name)
        {
            ArgumentNullException.ThrowIfNull(name);
            if (!_names.Contains(name))
            {
                throw new ArgumentException($"No {TClient.Faults.Protocol} RPC client is configured for '{name}'.", nameof(name));
            }
            var key = Key<TClient>(name);
            var endpoint = options.Get(key); // validates (OptionsValidationException when invalid)
            var pipeline = _pipelines.GetOrAdd(name,
                static (n, state) => RpcResiliencePipeline.Create<TClient>(state.Resilience, n, state.Logger),
                (endpoint.Resilience, Logger: _logger));
            return TClient.Create(httpClients.CreateClient(key), pipeline);
        }
    }
}
