using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StratosBridge.Pricing;
using StratosBridge.Relayer.Configuration;

namespace StratosBridge.Relayer.Governor;

/// <summary>
/// Registers the governor for the relay (<c>jobs</c> role). Beyond its section's own checks, start-up stops when a governed
/// chain is not a configured chain, or when no price source is configured (its limits are in USD).
/// </summary>
public static class GovernorSetup
{
    public static void Add(IServiceCollection services, IConfiguration configuration, ChainsOptions chains)
    {
        services.AddValidatedOptions<GovernorOptions>(GovernorOptions.Section);
        services.AddSingleton<TransferGovernor>();
        var governor = configuration.GetSection(GovernorOptions.Section).Get<GovernorOptions>() ?? new GovernorOptions();
        foreach (var chain in governor.Chains.Keys)
        {
            if (!chains.ContainsKey(chain))
            {
                throw new ConfigurationKeyException($"{GovernorOptions.Section}:Chains:{chain}",
                    $"chain '{chain}' is not configured under {ChainsOptions.Section}");
            }
        }
        var pricing = configuration.GetSection(PricingOptions.Section).Get<PricingOptions>() ?? new PricingOptions();
        if (governor.Chains.Count > 0 && !pricing.Sources.Values.Any(s => s.Enabled))
        {
            throw new ConfigurationKeyException($"{GovernorOptions.Section}:Chains",
                $"the governor's limits are in USD: configure {PricingOptions.Section}:Sources that fetch {TransferGovernor.PricedAsset}/USD");
        }
    }
}
