using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StratosBridge.Chains.JsonRpc;

namespace StratosBridge.Chains.Solana.Rpc;

/// <summary>
/// Registers one Solana RPC client per cluster: named <see cref="SolanaRpcClientOptions"/> (validated at start-up), a
/// named <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/> and <see cref="ISolanaRpcClientFactory"/> to get
/// the client with its resilience pipeline: <c>factory.For("solana")</c>.
/// </summary>
public static class SolanaRpcServiceCollectionExtensions
{
    public static IServiceCollection AddSolanaRpcClient(this IServiceCollection services, string clusterName, Uri rpcUrl,
        RpcResilienceOptions? resilience = null)
    {
        ArgumentNullException.ThrowIfNull(rpcUrl);
        return services.AddSolanaRpcClient(clusterName, options =>
        {
            options.RpcUrl = rpcUrl;
            options.Resilience = resilience ?? new RpcResilienceOptions();
        });
    }

    public static IServiceCollection AddSolanaRpcClient(this IServiceCollection services, string clusterName,
        Action<SolanaRpcClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Register(services, clusterName).Configure(configure);
        return services;
    }

    /// <summary>Binds the cluster's options from a configuration section, e.g. <c>Solana</c> with <c>RpcUrl</c> and
    /// <c>Resilience:{MaxRetryAttempts, BaseDelay, MaxDelay, AttemptTimeout, UseJitter}</c>.</summary>
    public static IServiceCollection AddSolanaRpcClient(this IServiceCollection services, string clusterName,
        string configSectionPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configSectionPath);
        Register(services, clusterName).BindConfiguration(configSectionPath);
        return services;
    }

    private static OptionsBuilder<SolanaRpcClientOptions> Register(IServiceCollection services, string clusterName)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterName);
        if (services.Any(d => d.ServiceType == typeof(SolanaRpcClusterRegistration)
                              && d.ImplementationInstance is SolanaRpcClusterRegistration r && r.ClusterName == clusterName))
        {
            throw new InvalidOperationException($"A Solana RPC client for cluster '{clusterName}' is registered already.");
        }
        services.AddSingleton(new SolanaRpcClusterRegistration(clusterName));
        services.TryAddSingleton<ISolanaRpcClientFactory, SolanaRpcClientFactory>();
        services.AddHttpClient(SolanaRpcClientFactory.HttpClientName(clusterName))
            .ConfigureHttpClient((provider, http) =>
            {
                var options = provider.GetRequiredService<IOptionsMonitor<SolanaRpcClientOptions>>().Get(clusterName);
                http.BaseAddress = options.RpcUrl;
                http.Timeout = Timeout.InfiniteTimeSpan; // the pipeline times each attempt; the caller's token bounds the whole
                http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            })
            // The default HttpClient logging writes the full request URL, and RPC URLs often carry a provider key.
            .RemoveAllLoggers();
        return services.AddOptions<SolanaRpcClientOptions>(clusterName).ValidateDataAnnotations().ValidateOnStart();
    }
}
