using StratosBridge.Api.Quotes;
using StratosBridge.Pricing;
using StratosBridge.Pricing.Providers;
using StratosBridge.Relayer.Configuration;

namespace StratosBridge.Api.Hosting;

/// <summary>
/// Registers pricing and quotes for the <c>api</c> role: the <c>Pricing</c> section (validated at start-up, failures
/// named by key), EVM payment chain ids taken from <c>Chains:{chain}:ChainId</c>, and the price feeds. Without a
/// <c>Pricing</c> section the service still starts: no source is fetched and quotes are refused with their codes.
/// </summary>
public static class PricingSetup
{
    public static void Add(IServiceCollection services, IConfiguration configuration, ChainsOptions chains)
    {
        services.AddValidatedOptions<PricingOptions>(PricingOptions.Section);
        var pricing = configuration.GetSection(PricingOptions.Section).Get<PricingOptions>() ?? new PricingOptions();
        services.PostConfigure<PricingOptions>(options =>
        {
            foreach (var chain in new[] { "ethereum", "bsc" })
            {
                if (options.Payments.Evm(chain) is { } evm && chains.TryGetValue(chain, out var configured))
                {
                    evm.ChainId = configured.ChainId;
                }
            }
        });
        foreach (var (name, source) in pricing.Sources.Where(s => s.Value.Enabled && s.Value.ProviderName(s.Key) == PriceProviders.Chainlink))
        {
            if (source.Chain is { Length: > 0 } chain && !chains.ContainsKey(chain))
            {
                throw new ConfigurationKeyException($"{PricingOptions.Section}:Sources:{name}:Chain",
                    $"chain '{chain}' is not configured under {ChainsOptions.Section} (its RPC reads the aggregators)");
            }
        }
        services.AddPricing(pricing);
        services.AddSingleton<QuoteService>();
    }
}
