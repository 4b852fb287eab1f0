using System.Net;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using StratosBridge.Api.Auth;
using StratosBridge.Core.Telemetry;
using StratosBridge.Ledger.Metrics;
using StratosBridge.Relayer.Configuration;
using StratosBridge.Relayer.Metrics;

namespace StratosBridge.Api.Hosting;

/// <summary>
/// Metrics on OpenTelemetry, scraped by Prometheus at <see cref="Path"/>: the service's own meter
/// (<see cref="BridgeMetrics"/>, <see cref="LedgerGauges"/>), ASP.NET Core's (requests, Kestrel) and Npgsql's (connections,
/// commands). The scrape needs an admin token (as the admin API; same refusals), unless it comes from one of
/// <c>Metrics:AllowedNetworks</c>.
/// </summary>
public static class MetricsSetup
{
    public const string Path = "/metrics";

    public static void Add(IServiceCollection services)
    {
        services.AddValidatedOptions<MetricsOptions>(MetricsOptions.Section);
        services.AddSingleton<LedgerMetricsQueries>();
        services.AddHostedService<LedgerGauges>();
        services.AddSingleton<ILoggerProvider, AlarmCounter>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(BridgeMetrics.MeterName, "Npgsql")
            .AddAspNetCoreInstrumentation()
            .AddPrometheusExporter());
    }

    public static void Map(WebApplication app)
    {
        var networks = app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.Networks;
        app.UseWhen(context => context.Request.Path.StartsWithSegments(Path), branch => branch.Use(async (context, next) =>
        {
            if (!FromAllowedNetwork(context.Connection.RemoteIpAddress, networks) && AuthExtensions.RefuseUnlessAdmin(context) is { } refusal)
            {
                await refusal.ExecuteAsync(context);
                return;
            }
            await next(context);
        }));
        app.MapPrometheusScrapingEndpoint(Path);
    }

    private static bool FromAllowedNetwork(IPAddress? remote, IReadOnlyList<IPNetwork> networks) =>
        remote is not null && networks.Any(n => n.Contains(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote));
}
