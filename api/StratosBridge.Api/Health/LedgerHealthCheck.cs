using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace StratosBridge.Api.Health;

/// <summary>
/// Ready when PostgreSQL answers and the ledger schema is there; reports the last migration applied. The description never
/// carries the error's text (it may name the database host, port or user); the error goes with the result, which the
/// health check service logs.
/// </summary>
public sealed class LedgerHealthCheck(NpgsqlDataSource database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var cmd = database.CreateCommand("SELECT max(version) FROM schema_migrations");
            var version = await cmd.ExecuteScalarAsync(ct) as string;
            return version is null
                ? HealthCheckResult.Unhealthy("ledger schema not migrated")
                : HealthCheckResult.Healthy("PostgreSQL reachable", new Dictionary<string, object> { ["schema"] = version });
        }
        catch (NpgsqlException e)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL unreachable", e);
        }
    }
}
