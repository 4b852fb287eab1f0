using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StratosBridge.Chains.JsonRpc;
using StratosBridge.Chains.Solana;
using StratosBridge.Chains.Solana.Rpc;
using StratosBridge.Relayer.Configuration;

namespace StratosBridge.Relayer.Watchers;

/// <summary>Wires the Solana payment watcher into the <c>watchers</c> role.</summary>
public static class SolanaWatching
{
    /// <summary>
    /// Registers the <c>Solana</c> section (validated at start-up, failures named by key) and, when both
    /// <c>Solana:RpcUrl</c> and <c>Pricing:Payments:solana:Recipient</c> are set, the RPC client of cluster
    /// <c>solana</c> (retries and timeouts from <c>Solana:Resilience</c>), <see cref="SolanaPaymentScanner"/> and
    /// <see cref="SolanaPaymentWatcher"/> as a hosted service. A recipient that is not a base58 public key stops start-up
    /// (<see cref="ConfigurationKeyException"/> naming the key).
    /// </summary>
    public static IServiceCollection AddSolanaWatcher(this IServiceCollection services, IConfiguration configuration)
    {
        var options = AddSolanaOptions(services, configuration);
        var recipientText = configuration[SolanaWatcherOptions.RecipientKey];
        if (!options.Configured || string.IsNullOrWhiteSpace(recipientText))
        {
            return services;
        }
        if (!SolanaPublicKey.TryParse(recipientText, out var recipient, out var error))
        {
            throw new ConfigurationKeyException(SolanaWatcherOptions.RecipientKey, error ?? $"'{recipientText}' is not a public key");
        }
        if (!Uri.TryCreate(options.RpcUrl, UriKind.Absolute, out var rpcUrl) || rpcUrl.Scheme is not ("http" or "https"))
        {
            return services; // reported with its key by the Solana section's validation, which stops start-up
        }
        var resilience = configuration.GetSection($"{SolanaWatcherOptions.Section}:Resilience");
        services.AddRpcClient<SolanaRpcClient>(SolanaWatcherOptions.Chain, o =>
        {
            o.RpcUrl = rpcUrl;
            resilience.Bind(o.Resilience);
        });
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<SolanaPaymentScanner>(sp, recipient));
        services.AddSingleton<SolanaPaymentWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<SolanaPaymentWatcher>());
        return services;
    }

    /// <summary>
    /// Registers what the credit worker needs to confirm SOL payments: the <c>Solana</c> section and one RPC client per
    /// <c>Solana:ConfirmRpcUrls</c> entry (retries and timeouts from <c>Solana:Resilience</c>), named by
    /// <see cref="ConfirmEndpoints.ClientName"/>.
    /// </summary>
    public static IServiceCollection AddSolanaConfirmation(this IServiceCollection services, IConfiguration configuration)
    {
        var options = AddSolanaOptions(services, configuration);
        services.AddRpcClientFactory<SolanaRpcClient>();
        var resilience = configuration.GetSection($"{SolanaWatcherOptions.Section}:Resilience");
        foreach (var (url, i) in options.ConfirmRpcUrls.Select((u, i) => (u, i)))
        {
            services.AddRpcClient<SolanaRpcClient>(ConfirmEndpoints.ClientName(SolanaWatcherOptions.Chain, i), o =>
            {
                // An invalid URL is reported by the Solana section's validation with its key; leave it unset here.
                o.RpcUrl = ConfirmEndpoints.IsHttpUrl(url) ? new Uri(url) : null;
                resilience.Bind(o.Resilience);
            });
        }
        return services;
    }

    /// <summary>The <c>Solana</c> section, validated at start-up; registered once however many roles need it (binding it twice
    /// would list each confirm endpoint twice).</summary>
    private static SolanaWatcherOptions AddSolanaOptions(IServiceCollection services, IConfiguration configuration)
    {
        if (!services.Any(d => d.ServiceType == typeof(IValidateOptions<SolanaWatcherOptions>)))
        {
            services.AddValidatedOptions<SolanaWatcherOptions>(SolanaWatcherOptions.Section);
        }
        return configuration.GetSection(SolanaWatcherOptions.Section).Get<SolanaWatcherOptions>() ?? new SolanaWatcherOptions();
    }
}
