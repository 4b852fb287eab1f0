using StratosBridge.Api.Cards;
using StratosBridge.Core.Pauses;
using StratosBridge.Fiat;
using StratosBridge.Fiat.Checkout;
using StratosBridge.Fiat.Events;
using StratosBridge.Fiat.Refunds;
using StratosBridge.Fiat.StripeApi;
using StratosBridge.Pricing;
using StratosBridge.Relayer.Configuration;

namespace StratosBridge.Api.Hosting;

/// <summary>
/// Card payments (<c>Fiat:Enabled</c>): the Stripe client and webhook verification for the <c>api</c> and <c>jobs</c>
/// roles, checkouts and fulfilment in both (the success redirect and the event handler fulfil), the event handler and
/// Stripe's list of paid checkouts (for reconciliation) in <c>jobs</c>, and the card routes in <c>api</c>. Card quotes must be enabled in pricing.
/// </summary>
public static class FiatSetup
{
    public static bool Enabled(IConfiguration configuration) => configuration.GetValue<bool>($"{FiatOptions.Section}:Enabled");

    public static void Add(IServiceCollection services, IConfiguration configuration, Roles roles)
    {
        if (!Enabled(configuration) || !(roles.Api || roles.Jobs))
        {
            return;
        }
        var pricing = configuration.GetSection(PricingOptions.Section).Get<PricingOptions>() ?? new PricingOptions();
        if (pricing.Payments.Card is not { Enabled: true })
        {
            throw new ConfigurationKeyException("Pricing:Payments:card:Enabled",
                "must be true when Fiat:Enabled is true (card checkouts are priced as USD quotes)");
        }
        if (!configuration.GetSection($"{StripeOptions.Section}:WebhookSecrets").GetChildren().Any(c => !string.IsNullOrWhiteSpace(c.Value)))
        {
            throw new ConfigurationKeyException("Stripe:WebhookSecrets:0",
                "is required when Fiat:Enabled is true: the webhook endpoint's signing secret (whsec_…) from the Stripe dashboard");
        }
        services.AddValidatedOptions<FiatOptions>(FiatOptions.Section);
        services.AddStripe(configuration);
        services.AddSingleton<CardCheckout>();
        services.AddSingleton<CardRefunds>();
        if (roles.Jobs)
        {
            services.AddSingleton<StripeEventHandler>();
            services.AddHostedService<StripeEventWorker>();
            // reconciliation compares what Stripe reports paid with the ledger's card payments
            services.AddSingleton<IPaidCheckouts>(sp => new StripePaidCheckouts(sp.GetRequiredService<Stripe.Checkout.SessionService>()));
        }
    }

    public static void Map(WebApplication app, RouteGroupBuilder v1)
    {
        if (!Enabled(app.Configuration))
        {
            return;
        }
        CheckoutEndpoints.Map(v1);
        StripeWebhookEndpoint.Map(v1);
        StatementEndpoints.Map(v1);
        StripeEventAdminEndpoints.Map(v1);
        CheckoutAdminEndpoints.Map(v1);
    }
}
