using System.ComponentModel.DataAnnotations;
using StratosBridge.Chains.Evm;

namespace StratosBridge.Pricing.Providers;

/// <summary>
/// One entry of <c>Pricing:Sources</c>. Unset values take the provider's defaults (<see cref="PriceProviders"/>):
/// its public base URL, symbols and staleness limit. A symbol set to "" removes that asset from the source.
/// For <c>chainlink</c>, the symbols are aggregator contract addresses on <see cref="Chain"/>.
/// </summary>
public sealed class PriceSourceOptions
{
    /// <summary>coingecko, binance, kraken, coinbase, gate, mexc or chainlink; default: the entry's name.</summary>
    public string? Provider { get; set; }

    public bool Enabled { get; set; } = true;

    /// <summary>The provider's API root; default its public URL.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Provider symbol per asset (ETH, BNB, SOL, STOS), merged over the provider's defaults.</summary>
    public Dictionary<string, string> Symbols { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How often to fetch when all is well.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A value older than this (by the provider's own timestamp when it sends one) is never used; default per provider.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan? StaleAfter { get; set; }

    /// <summary>After a failure the next attempt waits PollInterval × 2^failures, at most this long.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The limit for one HTTP exchange (or one RPC call for chainlink).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>For chainlink: the EVM chain (a name under <c>Chains</c>) whose aggregators are read.</summary>
    public string? Chain { get; set; }

    /// <summary>The provider this entry uses.</summary>
    public string ProviderName(string entryName) => string.IsNullOrWhiteSpace(Provider) ? entryName : Provider.Trim().ToLowerInvariant();

    internal IEnumerable<ValidationResult> Validate(string name)
    {
        var prefix = $"Sources:{name}";
        foreach (var failure in PricingOptions.Nested(this, prefix))
        {
            yield return failure;
        }
        var provider = ProviderName(name);
        if (!PriceProviders.IsKnown(provider))
        {
            yield return new ValidationResult(
                $"unknown provider '{provider}'; use one of {string.Join(", ", PriceProviders.Names)} (or set Provider)",
                [$"{prefix}:Provider"]);
            yield break;
        }
        if (BaseUrl is not null && !PricingOptions.IsHttpUrl(BaseUrl))
        {
            yield return new ValidationResult($"'{BaseUrl}' is not an absolute http(s) URL", [$"{prefix}:BaseUrl"]);
        }
        foreach (var asset in Symbols.Keys.Where(a => !PriceProviders.Assets.Contains(a.ToUpperInvariant())))
        {
            yield return new ValidationResult($"unknown asset '{asset}'; priced assets are {string.Join(", ", PriceProviders.Assets)}",
                [$"{prefix}:Symbols:{asset}"]);
        }
        if (provider == PriceProviders.Chainlink)
        {
            if (string.IsNullOrWhiteSpace(Chain))
            {
                yield return new ValidationResult("chainlink reads aggregators on an EVM chain: name one configured under Chains",
                    [$"{prefix}:Chain"]);
            }
            foreach (var (asset, aggregator) in Symbols.Where(s => s.Value.Length > 0))
            {
                if (!EthAddress.TryParse(aggregator, out var address) || address == EthAddress.Zero)
                {
                    yield return new ValidationResult($"'{aggregator}' is not an aggregator contract address",
                        [$"{prefix}:Symbols:{asset}"]);
                }
            }
        }
    }
}
