using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Stripe;
using SessionService = Stripe.Checkout.SessionService;

namespace StratosBridge.Fiat.StripeApi;

public static class StripeServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="StripeOptions"/> bound from the <c>Stripe</c> section and validated at start-up, and Stripe.net:
    /// one <see cref="IStripeClient"/> (<c>ApiBase</c> = <see cref="StripeOptions.BaseUrl"/>, the secret key,
    /// <see cref="StripeOptions.MaxAttempts"/> − 1 network retries, <see cref="StripeOptions.Timeout"/> per attempt, no
    /// telemetry header) with the services the card flow uses — <see cref="SessionService"/>, <see cref="EventService"/>,
    /// <see cref="RefundService"/> — and the <see cref="StripeWebhookVerifier"/>. Call it only when card payments are
    /// enabled: it makes a Stripe key mandatory.
    /// </summary>
    public static IServiceCollection AddStripe(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StripeOptions>()
            .Bind(configuration.GetSection(StripeOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IStripeClient>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<StripeOptions>>().Value;
            var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = options.Timeout };
            return new StripeClient(new StripeClientOptions
            {
                ApiKey = options.SecretKey,
                ApiBase = options.BaseUrl.ToString().TrimEnd('/'),
                HttpClient = new SystemNetHttpClient(http, options.MaxAttempts - 1, appInfo: null, enableTelemetry: false),
            });
        });
        services.AddSingleton(provider => new SessionService(provider.GetRequiredService<IStripeClient>()));
        services.AddSingleton(provider => new EventService(provider.GetRequiredService<IStripeClient>()));
        services.AddSingleton(provider => new RefundService(provider.GetRequiredService<IStripeClient>()));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<StripeWebhookVerifier>();
        return services;
    }
}
