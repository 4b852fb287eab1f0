using Npgsql;
using StratosBridge.Ledger.Migrations;

namespace StratosBridge.Relayer.Jobs;

/// <summary>Hangfire's schema, installed or upgraded with the ledger's migrations (<see cref="JobsRole.InstallAsync"/>).</summary>
public sealed class JobStorageSchema(NpgsqlDataSource database) : ISchemaInstaller
{
    public Task InstallAsync(CancellationToken ct) => JobsRole.InstallAsync(database, ct);
}
