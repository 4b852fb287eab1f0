using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StratosBridge.Chains.JsonRpc;

namespace StratosBridge.Chains.Evm.Rpc;

/// <summary>
/// Registers one EVM RPC client per chain: named <see cref="EvmRpcClientOptions"/> (validated at start-up), a named
/// <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/> and <see cref="IEvmRpcClientFactory"/> to get the
/// client with its resilience pipeline: <c>factory.For("ethereum")</c>.
/// </summary>
public static class EvmRpcServiceCollectionExtensions
{
    public static IServiceCollection AddEvmRpcClient(this IServiceCollection services, string chainName, Uri rpcUrl,
        RpcResilienceOptions? resilience = null)
    {
        ArgumentNullException.ThrowIfNull(rpcUrl);
        return services.AddEvmRpcClient(chainName, options =>
        {
            options.RpcUrl = rpcUrl;
            options.Resilience = resilience ?? new RpcResilienceOptions();
        });
    }

    public static IServiceCollection AddEvmRpcClient(this IServiceCollection services, string chainName,
        Action<EvmRpcClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Register(services, chainName).Configure(configure);
        return services;
    }

    /// <summary>
    /// The factory alone, with no chain yet: what every role resolves (<c>ChainClients</c>, the metrics) also where no chain
    /// is configured (an API-only or card-only instance); <see cref="IEvmRpcClientFactory.Chains"/> is then empty.
    /// </summary>
    public static IServiceCollection AddEvmRpcClientFactory(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHttpClient();
        services.TryAddSingleton<IEvmRpcClientFactory, EvmRpcClientFactory>();
        return services;
    }

    /// <summary>Binds the chain's options from a configuration section, e.g. <c>Chains:Ethereum:Rpc</c> with
    /// <c>RpcUrl</c> and <c>Resilience:{MaxRetryAttempts, BaseDelay, MaxDelay, AttemptTimeout, UseJitter}</c>.</summary>
    public static IServiceCollection AddEvmRpcClient(this IServiceCollection services, string chainName,
        string configSectionPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configSectionPath);
        Register(services, chainName).BindConfiguration(configSectionPath);
        return services;
    }

    private static OptionsBuilder<EvmRpcClientOptions> Register(IServiceCollection services, string chainName)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(chainName);
        if (services.Any(d => d.ServiceType == typeof(EvmRpcChainRegistration)
                              && d.ImplementationInstance is EvmRpcChainRegistration r && r.ChainName == chainName))
        {
            throw new InvalidOperationException($"An EVM RPC client for chain '{chainName}' is registered already.");
        }
        services.AddSingleton(new EvmRpcChainRegistration(chainName));
        services.TryAddSingleton<IEvmRpcClientFactory, EvmRpcClientFactory>();
        services.AddHttpClient(EvmRpcClientFactory.HttpClientName(chainName))
            .ConfigureHttpClient((provider, http) =>
            {
                var options = provider.GetRequiredService<IOptionsMonitor<EvmRpcClientOptions>>().Get(chainName);
                http.BaseAddress = options.RpcUrl;
                http.Timeout = Timeout.InfiniteTimeSpan; // the pipeline times each attempt; the caller's token bounds the whole
                http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            })
            // The default HttpClient logging writes the full request URL, and RPC URLs often carry a provider key.
            .RemoveAllLoggers();
        return services.AddOptions<EvmRpcClientOptions>(chainName).ValidateDataAnnotations().ValidateOnStart();
    }
}
