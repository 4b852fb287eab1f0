using Microsoft.Extensions.DependencyInjection.Extensions;
using StratosBridge.Api.Payments;
using StratosBridge.Relayer.Configuration;

namespace StratosBridge.Api.Webhooks;

/// <summary>
/// Webhooks to accounts: the account routes in the <c>api</c> role, the dispatcher in the <c>jobs</c> role (it renders
/// event bodies with the read API's own views, so it needs the payment reader too).
/// </summary>
public static class WebhookSetup
{
    public static void Add(IServiceCollection services, Roles roles)
    {
        if (!(roles.Api || roles.Jobs))
        {
            return;
        }
        services.AddValidatedOptions<WebhookOptions>(WebhookOptions.Section);
        if (roles.Jobs)
        {
            services.TryAddSingleton<PaymentReader>();
            services.AddSingleton<WebhookObjects>();
            WebhookHttp.Add(services);
            services.AddHostedService<WebhookDispatcher>();
        }
    }

    public static void Map(RouteGroupBuilder v1) => WebhookEndpoints.Map(v1);
}
