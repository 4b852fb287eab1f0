using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using StratosBridge.Ledger.Jobs;
using StratosBridge.Ledger.Migrations;
using StratosBridge.Relayer.Configuration;
using StratosBridge.Relayer.Safety;

namespace StratosBridge.Relayer.Jobs;

/// <summary>
/// Hangfire on the ledger's PostgreSQL (schema <see cref="JobsOptions.Schema"/>). Every role that enqueues or shows jobs
/// (<c>api</c>) or runs them (<c>jobs</c>) has the storage; only the <c>jobs</c> role runs a server, which also keeps the
/// recurring jobs declared. Hangfire carries recurring and operator jobs; per-item relay work stays claimed from ledger
/// tables by the workers' loops (README, "Jobs").
/// <para>
/// Nothing here is trusted for correctness: a job may run twice at once (a recurring job firing on two servers, a lock
/// held past <c>DistributedLockTimeout</c> taken by another caller, a job fetched again after its server died), so every
/// job is a guarded ledger transition or an idempotent write with an id for argument. Invisibility slides (a live worker
/// keeps its job hidden however long it runs), so only a dead server's job is fetched again.
/// </para>
/// </summary>
public static class JobsRole
{
    private const long InstallLockKey = 0x5354_4F53_4A4F_4253; // "STOSJOBS"

    /// <summary>
    /// Hangfire's client and storage (enqueue, dashboard), its schema installed with the ledger's migrations
    /// (<see cref="JobStorageSchema"/>); the <c>jobs</c> role adds <see cref="AddJobsRole"/>.
    /// </summary>
    public static IServiceCollection AddJobStorage(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton<ISchemaInstaller, JobStorageSchema>();
        services.AddHangfire((sp, config) =>
        {
            var options = sp.GetRequiredService<IOptions<JobsOptions>>().Value;
            // Hangfire's configuration is process-wide: this host's logger factory first, before anything below logs
            // (a host started earlier in the same process, e.g. by a test, may have disposed its own).
            config.UseLogProvider(new JobsLogProvider(sp.GetRequiredService<ILoggerFactory>()))
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings()
                .UseFilter(new RecurringFiringFilter(sp.GetRequiredService<JobFiringStore>(),
                    sp.GetRequiredService<ILogger<RecurringFiringFilter>>()))
                .UseFilter(new JobDurationFilter())
                .UsePostgreSqlStorage(c => c.UseNpgsqlConnection(connectionString), new PostgreSqlStorageOptions
                {
                    SchemaName = JobsOptions.Schema,
                    PrepareSchemaIfNecessary = false, // installed by InstallAsync, once, at start-up
                    UseSlidingInvisibilityTimeout = true,
                    InvisibilityTimeout = options.InvisibilityTimeout,
                    QueuePollInterval = options.QueuePollInterval,
                    // a lock left by a killed instance expires after this (Hangfire's default is 10 min); nothing rests on
                    // these locks for correctness (the ledger decides), they only keep Hangfire's own work from overlapping
                    DistributedLockTimeout = TimeSpan.FromMinutes(1),
                });
        });
        return services;
    }

    /// <summary>
    /// Applies Hangfire's (process-wide) configuration for this host now, so that its storage and logging are this host's
    /// before anything enqueues or logs (called right after the host is built).
    /// </summary>
    public static void UseJobStorage(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.GetService<IGlobalConfiguration>() is not null)
        {
            _ = services.GetRequiredService<JobStorage>();
        }
    }

    /// <summary>The <c>jobs</c> role: a Hangfire server named after this instance, and the recurring jobs.</summary>
    public static IServiceCollection AddJobsRole(this IServiceCollection services)
    {
        services.AddHangfireServer((sp, server) =>
        {
            var options = sp.GetRequiredService<IOptions<JobsOptions>>().Value;
            server.ServerName = options.ResolvedInstanceId;
            server.WorkerCount = options.WorkerCount;
            server.SchedulePollingInterval = options.SchedulePollingInterval;
        });
        services.AddSingleton<PurchasedOzoneJob>();
        services.AddValidatedOptions<SafetyOptions>(SafetyOptions.Section);
        services.AddSingleton<OnChainPauseJob>();
        services.AddSingleton<ReconciliationJob>();
        services.AddHostedService<RecurringJobs>();
        return services;
    }

    /// <summary>
    /// Installs or upgrades Hangfire's schema with Hangfire.PostgreSql's own scripts, one instance at a time (an advisory
    /// lock: two instances starting together would otherwise run the same scripts at once).
    /// </summary>
    public static async Task InstallAsync(NpgsqlDataSource database, CancellationToken ct = default)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_lock({InstallLockKey})", connection))
        {
            await lockCommand.ExecuteNonQueryAsync(ct);
        }
        try
        {
            PostgreSqlObjectsInstaller.Install(connection, JobsOptions.Schema);
        }
        finally
        {
            await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({InstallLockKey})", connection);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}
