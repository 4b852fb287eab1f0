using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace StratosBridge.Fiat.Stripe;

public static class StripeServiceCollectionExtensions
{
    public static readonly ProductInfoHeaderValue UserAgent = new("StratosBridge", "1.0");

    /// <summary>
    /// <see cref="StripeOptions"/> bound from the <c>Stripe</c> section and validated at start-up, and the typed
    /// <see cref="StripeClient"/>: base address <see cref="StripeOptions.BaseUrl"/>, <c>Authorization: Bearer {SecretKey}</c>,
    /// <c>Stripe-Version: {ApiVersion}</c>, a User-Agent, and <see cref="StripeOptions.Timeout"/> per attempt.
    /// Call it only when card payments are enabled: it makes a Stripe key mandatory.
    /// </summary>
    public static IServiceCollection AddStripe(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StripeOptions>()
            .Bind(configuration.GetSection(StripeOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddHttpClient<StripeClient>()
            .ConfigureHttpClient((provider, http) =>
            {
                var options = provider.GetRequiredService<IOptions<StripeOptions>>().Value;
                // A base path (a proxy's /stripe) keeps its last segment only with a trailing slash.
                http.BaseAddress = options.BaseUrl.AbsolutePath.EndsWith('/') ? options.BaseUrl : new Uri(options.BaseUrl + "/");
                http.Timeout = options.Timeout; // each attempt; the retries are StripeClient's
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.SecretKey);
                http.DefaultRequestHeaders.Add("Stripe-Version", options.ApiVersion);
                http.DefaultRequestHeaders.UserAgent.Add(UserAgent);
                http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            })
            // StripeClient logs its own retries; the default handler logs add nothing it needs and would log every request.
            .RemoveAllLoggers();
        return services;
    }
}
