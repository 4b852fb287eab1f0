using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StratosBridge.Pricing.Aggregation;
using StratosBridge.Pricing.Feeds;
using StratosBridge.Pricing.Ozone;
using StratosBridge.Pricing.Quotes;

namespace StratosBridge.Pricing;

public static class PricingServiceCollectionExtensions
{
    /// <summary>The User-Agent of every price request (Coinbase refuses requests without one).</summary>
    public static readonly ProductInfoHeaderValue UserAgent = new("StratosBridge", "1.0");

    /// <summary>
    /// Pricing: one named <see cref="HttpClient"/> per configured source (base address = its API root; per-attempt
    /// timeouts come from the polling pipeline) and one for Stratos REST, the price book, the background feed worker,
    /// the Ozone market, the oracle and the quote pricer. <paramref name="configured"/> is the bound <c>Pricing</c>
    /// section (the host registers and validates <see cref="PricingOptions"/> itself).
    /// </summary>
    public static IServiceCollection AddPricing(this IServiceCollection services, PricingOptions configured)
    {
        ArgumentNullException.ThrowIfNull(configured);
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(); // the fetchers take IHttpClientFactory even when no source is configured
        foreach (var source in PriceSource.FromOptions(configured))
        {
            AddJsonClient(services, source.HttpClientName, source.BaseUrl);
        }
        if (PricingOptions.IsHttpUrl(configured.Stratos.RestUrl))
        {
            var rest = configured.Stratos.RestUrl!;
            AddJsonClient(services, OzoneMarket.HttpClientName, new Uri(rest.EndsWith('/') ? rest : rest + "/"));
        }
        services.AddSingleton(sp =>
        {
            var book = new PriceBook(sp.GetRequiredService<TimeProvider>());
            foreach (var source in PriceSource.FromOptions(sp.GetRequiredService<IOptions<PricingOptions>>().Value))
            {
                book.Register(source);
            }
            return book;
        });
        services.AddSingleton<PriceSourceFetcher>();
        services.AddSingleton<OzoneMarket>();
        services.AddSingleton<PriceOracle>();
        services.AddSingleton<QuotePricer>();
        services.AddHostedService<PriceFeedWorker>();
        return services;
    }

    private static void AddJsonClient(IServiceCollection services, string name, Uri baseAddress) =>
        services.AddHttpClient(name)
            .ConfigureHttpClient(http =>
            {
                http.BaseAddress = baseAddress;
                http.Timeout = Timeout.InfiniteTimeSpan; // each attempt is bounded by the polling pipeline's timeout
                http.DefaultRequestHeaders.UserAgent.Add(UserAgent);
                http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            })
            .RemoveAllLoggers(); // request URLs may carry provider keys
}
