using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Polly;
using StratosBridge.Chains.Stratos.Rest;
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
    /// Pricing: one named <see cref="HttpClient"/> per configured source (base address = its API root) and one for Stratos
    /// REST, each with its own standard resilience handler (so one failing source's circuit never opens another's), the
    /// price book, the background feed worker,
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
            AddJsonClient(services, source.HttpClientName, source.BaseUrl, source.AttemptTimeout);
        }
        if (PricingOptions.IsHttpUrl(configured.Stratos.RestUrl))
        {
            AddJsonClient(services, StratosRestClient.HttpClientName, new Uri(configured.Stratos.RestUrl!), configured.Stratos.AttemptTimeout);
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

    /// <summary>
    /// A named client for a Refit interface: base address without a trailing slash (Refit appends the route, which starts
    /// with one), a User-Agent, JSON accepted, no logging of URLs (they may carry provider keys), and the standard resilience
    /// handler: each attempt bounded by <paramref name="attemptTimeout"/>, one quick retry of a transient failure (5xx, 408,
    /// 429, no connection, timeout), a circuit breaker, a total bound of two attempts and the wait between them.
    /// </summary>
    private static void AddJsonClient(IServiceCollection services, string name, Uri baseAddress, TimeSpan attemptTimeout)
    {
        services.AddHttpClient(name)
            .ConfigureHttpClient(http =>
            {
                http.BaseAddress = new Uri(baseAddress.ToString().TrimEnd('/'));
                http.Timeout = Timeout.InfiniteTimeSpan; // bounded by the resilience handler
                http.DefaultRequestHeaders.UserAgent.Add(UserAgent);
                http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            })
            .RemoveAllLoggers()
            .AddStandardResilienceHandler(o =>
            {
                o.AttemptTimeout.Timeout = attemptTimeout;
                o.Retry.MaxRetryAttempts = 1;
                o.Retry.Delay = TimeSpan.FromMilliseconds(100);
                o.Retry.BackoffType = DelayBackoffType.Constant;
                o.Retry.UseJitter = false;
                o.TotalRequestTimeout.Timeout = attemptTimeout * 2 + TimeSpan.FromSeconds(1);
                o.CircuitBreaker.SamplingDuration = Max(attemptTimeout * 2, TimeSpan.FromSeconds(30));
            });
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
