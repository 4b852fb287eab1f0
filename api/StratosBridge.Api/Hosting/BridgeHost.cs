using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StratosBridge.Api.Accounts;
using StratosBridge.Api.Auth;
using StratosBridge.Api.Chains;
using StratosBridge.Api.Health;
using StratosBridge.Api.Jobs;
using StratosBridge.Api.Pages;
using StratosBridge.Api.Payments;
using StratosBridge.Api.Prices;
using StratosBridge.Api.Quotes;
using StratosBridge.Api.RateLimiting;
using StratosBridge.Api.Status;
using StratosBridge.Api.Transfers;
using StratosBridge.Ledger;
using StratosBridge.Ledger.Migrations;
using StratosBridge.Relayer.Attesting;
using StratosBridge.Relayer.Configuration;
using StratosBridge.Relayer.Governor;
using StratosBridge.Relayer.Jobs;
using StratosBridge.Relayer.Payments;
using StratosBridge.Relayer.Relaying;
using StratosBridge.Relayer.Watchers;

namespace StratosBridge.Api.Hosting;

/// <summary>
/// The one executable. Roles (api, jobs, watchers) come from configuration; options are validated before anything
/// starts, the ledger schema is migrated, then the roles run. A bad configuration or a failed migration stops the
/// process with exit code 2 and a message that names the key or the script.
/// </summary>
public static class BridgeHost
{
    public const int ExitBadConfiguration = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        WebApplication app;
        try
        {
            app = Build(args);
            var migrations = app.Services.GetRequiredService<MigrationRunner>();
            if (app.Services.GetRequiredService<Roles>().Attester)
            {
                await migrations.VerifyAsync(); // an attester's database role may not change the schema
            }
            else
            {
                await migrations.ApplyAsync();
            }
            await app.StartAsync();
        }
        catch (Exception e) when (e is OptionsValidationException or ConfigurationKeyException or MigrationFailedException
                                      or AggregateException { InnerExceptions: [OptionsValidationException, ..] }
                                      or InvalidOperationException { Source: "Microsoft.Extensions.Configuration.Binder" })
        {
            await Console.Error.WriteLineAsync(Describe(e));
            return ExitBadConfiguration;
        }
        var roles = app.Services.GetRequiredService<Roles>();
        var logger = app.Services.GetRequiredService<ILogger<Roles>>();
        logger.LogInformation("StratosBridge running: roles {Roles}, listening on {Urls}", roles, string.Join(", ", app.Urls));
        await app.WaitForShutdownAsync();
        return 0;
    }

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // appsettings.json (log levels, roles) ships next to the executable: the content root is there, not the working
        // directory, so `ops/run` from the repository root and a service started from anywhere read the same settings.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);
        AddDeploymentFile(builder, args);
        AddServices(builder);
        var app = builder.Build();
        JobsRole.UseJobStorage(app.Services);
        Map(app);
        return app;
    }

    /// <summary>
    /// <c>Deployment:File</c> names a JSON file of contract addresses in configuration shape (written by
    /// <c>contracts/deploy</c>). It is layered under the environment and the command line, which still override it.
    /// </summary>
    private static void AddDeploymentFile(WebApplicationBuilder builder, string[] args)
    {
        if (builder.Configuration[DeploymentFileKey] is not { Length: > 0 } file)
        {
            return;
        }
        if (!File.Exists(file))
        {
            throw new ConfigurationKeyException(DeploymentFileKey, $"names '{file}', which does not exist");
        }
        builder.Configuration.AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: false);
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddCommandLine(args);
    }

    private const string DeploymentFileKey = "Deployment:File";

    private static void AddServices(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;
        var roles = Roles.Parse(configuration[Roles.Key]);
        services.AddSingleton(roles);
        services.AddSingleton(TimeProvider.System);
        // Every background loop (watchers, relay, credits, Stripe events, price sources) runs as a BackgroundLoop, which
        // logs, backs off and goes on after anything a round throws: one chain's bug never stops another loop or role.
        // An exception that still escapes a BackgroundService is a bug in that guard itself. Such a process has silently
        // lost a role, so it should not keep answering as if it were whole: StopHost (stated here on purpose, it is also
        // .NET's default) ends it with an error, and its supervisor (systemd, Kubernetes) restarts it.
        services.Configure<HostOptions>(o => o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost);

        services.AddValidatedOptions<DatabaseOptions>(DatabaseOptions.Section);
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (string.IsNullOrWhiteSpace(database.ConnectionString))
        {
            throw new ConfigurationKeyException("Database:ConnectionString",
                "is required (set the environment variable Database__ConnectionString)");
        }
        services.AddLedger(database.ConnectionString);

        var chains = configuration.GetSection(ChainsOptions.Section).Get<ChainsOptions>() ?? new ChainsOptions();
        ChainClients.Register(services, configuration, chains);
        services.AddValidatedOptions<JobsOptions>(JobsOptions.Section);
        services.AddValidatedOptions<WatcherOptions>(WatcherOptions.Section);

        services.AddProblemDetails();
        services.AddHealthChecks()
            .AddCheck<LedgerHealthCheck>("ledger", tags: ["ready"]);
        foreach (var chain in chains.Keys)
        {
            services.AddHealthChecks().Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(
                $"chain:{chain}", sp => ActivatorUtilities.CreateInstance<ChainRpcHealthCheck>(sp, chain), null, ["ready"]));
        }

        if (roles.Api || roles.Jobs)
        {
            // the api enqueues operator jobs and shows the dashboard; the jobs role runs them
            services.AddJobStorage(database.ConnectionString);
        }
        if (roles.Attester)
        {
            AddAttester(services, configuration);
        }
        if (roles.Jobs)
        {
            services.AddJobsRole();
            services.AddValidatedOptions<RelayOptions>(RelayOptions.Section);
            var vaults = chains.Values.Any(c => c.Contracts.Vaults.Count > 0);
            var stratos = chains.Values.Any(c => c.Contracts.SystemContract is { Length: > 0 });
            if (vaults || stratos)
            {
                // keys are read after the Chains section is validated, so that a bad chain setting is what gets reported
                services.AddSingleton(sp => RelayKeys.Load(configuration, sp.GetRequiredService<IOptions<ChainsOptions>>().Value));
                services.AddSingleton<OutgoingTxFollower>();
            }
            if (vaults)
            {
                services.AddSingleton<AttestationCollector>();
                if (RelayKeys.InProcess(configuration))
                {
                    // the one-process devnet shortcut: the same attesters, in this process, each with a journal in memory
                    AddAttesterChecks(services);
                    services.AddHostedService(sp => new AttesterHost(sp.GetRequiredService<RelayKeys>().InProcessAttesters
                        .Select(key => ActivatorUtilities.CreateInstance<Attester>(sp, new AttesterIdentity(key, AttesterJournal.InMemory()))).ToList(),
                        ct => RelayKeys.RefuseMainnetAsync(sp.GetRequiredService<ChainClients>(), ct)));
                }
                services.AddHostedService<ReleaseRelayWorker>();
                services.AddHostedService<RefundWorker>();
            }
            if (stratos)
            {
                services.AddValidatedOptions<CreditOptions>(CreditOptions.Section);
                services.AddSolanaConfirmation(configuration);
                services.AddSingleton<PaymentConfirmation>();
                services.AddHostedService<OzoneCreditWorker>();
            }
        }
        if (roles.Watchers)
        {
            if (chains.Count > 0) // with none, there is nothing to watch
            {
                services.AddHostedService<ChainWatcher>();
            }
            services.AddSolanaWatcher(configuration);
        }
        if (roles.Api || roles.Jobs)
        {
            // the api quotes; the jobs role re-prices late payments at current prices
            PricingSetup.Add(services, configuration, chains);
            // the relay applies the governor; every instance shows its use in the metrics
            GovernorSetup.Add(services, configuration, chains);
        }
        MetricsSetup.Add(services);
        AddAdminTokens(services, configuration); // the admin API, and /metrics on every role
        FiatSetup.Add(services, configuration, roles);
        Webhooks.WebhookSetup.Add(services, roles);
        if (roles.Api)
        {
            services.AddSingleton<StatusReader>();
            services.AddSingleton<PaymentReader>();
            services.AddValidatedOptions<PagesOptions>(PagesOptions.Section);
            AnonymousRateLimits.Add(services);
            Docs.ApiDocs.Add(services);
            services.AddValidatedOptions<Grants.GrantOptions>(Grants.GrantOptions.Section);
            services.TryAddSingleton<Grants.IGrantClaimGate, Grants.OpenGrantClaimGate>();
            services.AddSingleton<Grants.GrantClaimLimiter>();
        }
    }

    /// <summary>
    /// The attester role: its key and journal (<see cref="AttesterIdentity"/>, read after the Chains section is validated, so
    /// that a bad chain setting is what gets reported), its own nodes (the process's <c>Chains</c>), and one <see cref="Attester"/>.
    /// </summary>
    private static void AddAttester(IServiceCollection services, IConfiguration configuration)
    {
        AddAttesterChecks(services);
        services.AddSingleton(sp =>
        {
            _ = sp.GetRequiredService<IOptions<ChainsOptions>>().Value;
            return AttesterIdentity.Load(configuration, sp.GetRequiredService<IOptions<AttesterOptions>>().Value);
        });
        services.AddSingleton<Attester>();
        services.AddHostedService(sp => new AttesterHost([sp.GetRequiredService<Attester>()]));
    }

    /// <summary>What every attester needs, in its own role or in the devnet shortcut: its options and its check of a lock.</summary>
    private static void AddAttesterChecks(IServiceCollection services)
    {
        services.AddValidatedOptions<AttesterOptions>(AttesterOptions.Section);
        services.AddSingleton<LockCheck>();
    }

    /// <summary>
    /// <c>Admin:Tokens</c>, a list (<c>Admin__Tokens__0</c>, <c>Admin__Tokens__1</c>, …), each at least 32 characters; none
    /// configured closes the admin routes (403 <c>admin-disabled</c>). A single value set as <c>Admin__Tokens</c> would bind
    /// to nothing and close them silently, so it stops start-up instead.
    /// </summary>
    private static void AddAdminTokens(IServiceCollection services, IConfiguration configuration)
    {
        var tokensKey = $"{AdminOptions.Section}:{nameof(AdminOptions.Tokens)}";
        if (configuration[tokensKey] is { Length: > 0 })
        {
            throw new ConfigurationKeyException(tokensKey,
                "is a list: set each token as Admin__Tokens__0, Admin__Tokens__1, … (environment) or Admin:Tokens:0, … (configuration)");
        }
        services.AddValidatedOptions<AdminOptions>(AdminOptions.Section);
        services.AddSingleton(sp => new AdminTokens(sp.GetRequiredService<IOptions<AdminOptions>>().Value.Tokens));
    }

    private static void Map(WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        HealthEndpoints.Map(app);
        MetricsSetup.Map(app);
        if (app.Services.GetRequiredService<Roles>().Api)
        {
            JobsDashboard.Map(app);
            AnonymousRateLimits.Use(app);
            app.UseMiddleware<Idempotency.IdempotencyMiddleware>();
            var v1 = app.MapGroup("/v1");
            StatusEndpoints.Map(v1);
            Pauses.PauseEndpoints.Map(v1);
            TransferEndpoints.Map(v1);
            TransferAdminEndpoints.Map(v1);
            ChainEndpoints.Map(v1);
            RouteEndpoints.Map(v1);
            QuoteEndpoints.Map(v1);
            PaymentEndpoints.Map(v1);
            CreditAdminEndpoints.Map(v1);
            PriceEndpoints.Map(v1);
            AccountEndpoints.Map(v1);
            Grants.GrantEndpoints.Map(v1);
            Grants.GrantAdminEndpoints.Map(v1);
            FiatSetup.Map(app, v1);
            Webhooks.WebhookSetup.Map(v1);
            Docs.ApiDocs.Map(app);
            PageEndpoints.Map(app);
        }
    }

    private static string Describe(Exception e) => e switch
    {
        OptionsValidationException o => "StratosBridge cannot start: the configuration is invalid:\n" +
                                        string.Join('\n', o.Failures.Select(f => "  - " + f)),
        AggregateException a => "StratosBridge cannot start: the configuration is invalid:\n" + string.Join('\n',
            a.InnerExceptions.OfType<OptionsValidationException>().SelectMany(o => o.Failures).Distinct().Select(f => "  - " + f)),
        MigrationFailedException m => $"StratosBridge cannot start: {m.Message}",
        _ => $"StratosBridge cannot start: the configuration is invalid:\n  - {e.Message}",
    };
}
