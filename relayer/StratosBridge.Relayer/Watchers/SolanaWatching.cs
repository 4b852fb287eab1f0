using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
        services.AddValidatedOptions<SolanaWatcherOptions>(SolanaWatcherOptions.Section);
        var options = configuration.GetSection(SolanaWatcherOptions.Section).Get<SolanaWatcherOptions>() ?? new SolanaWatcherOptions();
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
}
