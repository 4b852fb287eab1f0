using StratosBridge.Pricing.Providers;

namespace StratosBridge.Pricing.Feeds;

/// <summary>
/// A configured, enabled source with the provider defaults filled in: what it fetches (asset → provider symbol),
/// from where, how often, and how long its values stay usable.
/// </summary>
public sealed record PriceSource(
    string Name,
    string Provider,
    Uri BaseUrl,
    IReadOnlyDictionary<string, string> Symbols,
    TimeSpan PollInterval,
    TimeSpan StaleAfter,
    TimeSpan MaxBackoff,
    TimeSpan AttemptTimeout,
    string? Chain)
{
    /// <summary>The enabled sources of the options, each with at least one asset.</summary>
    public static IReadOnlyList<PriceSource> FromOptions(PricingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sources = new List<PriceSource>();
        foreach (var (name, entry) in options.Sources.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var provider = entry.ProviderName(name);
            if (!entry.Enabled || !PriceProviders.IsKnown(provider)
                || (entry.BaseUrl is { Length: > 0 } && !PricingOptions.IsHttpUrl(entry.BaseUrl))) // (validation names the key)
            {
                continue;
            }
            var symbols = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (asset, symbol) in PriceProviders.DefaultSymbols(provider))
            {
                symbols[asset] = symbol;
            }
            foreach (var (asset, symbol) in entry.Symbols)
            {
                symbols[asset.ToUpperInvariant()] = symbol.Trim();
            }
            foreach (var empty in symbols.Where(s => s.Value.Length == 0).Select(s => s.Key).ToList())
            {
                symbols.Remove(empty);
            }
            if (symbols.Count == 0)
            {
                continue;
            }
            var baseUrl = entry.BaseUrl is { Length: > 0 } configured ? new Uri(configured) : PriceProviders.DefaultBaseUrl(provider);
            if (!baseUrl.AbsoluteUri.EndsWith('/'))
            {
                baseUrl = new Uri(baseUrl.AbsoluteUri + "/"); // so relative paths append instead of replacing the last segment
            }
            sources.Add(new PriceSource(name, provider, baseUrl, symbols, entry.PollInterval,
                entry.StaleAfter ?? PriceProviders.DefaultStaleAfter(provider), entry.MaxBackoff, entry.AttemptTimeout, entry.Chain));
        }
        return sources;
    }

    /// <summary>The name of the source's <see cref="HttpClient"/> in <see cref="IHttpClientFactory"/>.</summary>
    public string HttpClientName => $"StratosBridge.Price:{Name}";
}
