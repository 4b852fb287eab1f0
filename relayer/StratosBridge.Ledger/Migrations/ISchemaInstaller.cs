namespace StratosBridge.Ledger.Migrations;

/// <summary>
/// A schema in the ledger's database that a library installs with its own scripts (Hangfire's), run by
/// <see cref="MigrationRunner"/> after the ledger's own migrations, at every start-up; it must be safe to run again and
/// from several instances at once.
/// </summary>
public interface ISchemaInstaller
{
    Task InstallAsync(CancellationToken ct);
}
