using Microsoft.Extensions.Logging;
using Npgsql;

namespace StratosBridge.Ledger.Migrations;

/// <summary>
/// Applies the pending SQL scripts in order, all inside one transaction, and records each in
/// <c>schema_migrations</c>. Any failure rolls everything back and throws <see cref="MigrationFailedException"/>:
/// the schema is left as it was and the service must not start. Concurrent runners (several instances starting
/// together) are serialised by a transaction-scoped advisory lock. A script changed after it was applied is refused.
/// Then the schemas libraries install themselves (<see cref="ISchemaInstaller"/>, e.g. Hangfire's) are brought up to date.
/// </summary>
public sealed class MigrationRunner(NpgsqlDataSource dataSource, ILogger<MigrationRunner> logger, IEnumerable<ISchemaInstaller> installers)
{
    private const long AdvisoryLockKey = 0x5354_4F53_4D49_4752; // "STOSMIGR"

    public Task<IReadOnlyList<string>> ApplyAsync(CancellationToken ct = default) =>
        ApplyAsync(MigrationScript.Embedded(), ct);

    /// <returns>The versions applied by this call (empty when the schema was already current).</returns>
    public async Task<IReadOnlyList<string>> ApplyAsync(IReadOnlyList<MigrationScript> scripts, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var applied = new List<string>();
        var current = "(bookkeeping)";
        try
        {
            await ExecuteAsync(connection, tx, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", ct);
            await ExecuteAsync(connection, tx, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    text PRIMARY KEY,
                    checksum   text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, ct);
            var known = await ReadAppliedAsync(connection, tx, ct);
            foreach (var script in scripts.OrderBy(s => s.Version, StringComparer.Ordinal))
            {
                current = script.Version;
                if (IsApplied(script, known))
                {
                    continue;
                }
                await ExecuteAsync(connection, tx, script.Sql, ct);
                await using (var record = new NpgsqlCommand(
                    "INSERT INTO schema_migrations (version, checksum) VALUES (@v, @c)", connection, tx))
                {
                    record.Parameters.AddWithValue("v", script.Version);
                    record.Parameters.AddWithValue("c", script.Checksum);
                    await record.ExecuteNonQueryAsync(ct);
                }
                applied.Add(script.Version);
            }
            await tx.CommitAsync(ct);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            await tx.RollbackAsync(CancellationToken.None);
            throw new MigrationFailedException(current, e);
        }
        if (applied.Count > 0)
        {
            logger.LogInformation("Ledger schema migrated: applied {Migrations}", string.Join(", ", applied));
        }
        else
        {
            logger.LogInformation("Ledger schema is current ({Count} migrations)", scripts.Count);
        }
        foreach (var installer in installers)
        {
            try
            {
                await installer.InstallAsync(ct);
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                throw new MigrationFailedException(installer.GetType().Name, e);
            }
        }
        return applied;
    }

    /// <summary>
    /// For a process whose database credentials may not change the schema (an attester): checks that every embedded
    /// script is applied, unchanged, and applies nothing. Throws <see cref="MigrationFailedException"/> naming the first
    /// script missing or changed (start the service's jobs role, which migrates, first).
    /// </summary>
    public async Task VerifyAsync(CancellationToken ct = default)
    {
        var current = "(bookkeeping)";
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            var known = await ReadAppliedAsync(connection, tx, ct);
            foreach (var script in MigrationScript.Embedded().OrderBy(s => s.Version, StringComparer.Ordinal))
            {
                current = script.Version;
                if (!IsApplied(script, known))
                {
                    throw new InvalidOperationException("it is not applied yet; a role that migrates (jobs, api) must start first");
                }
            }
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            throw new MigrationFailedException(current, e);
        }
        logger.LogInformation("Ledger schema is current (verified, not migrated by this role)");
    }

    /// <summary>Whether <paramref name="script"/> is recorded as applied; one changed since it was applied is refused (throws).</summary>
    private static bool IsApplied(MigrationScript script, IReadOnlyDictionary<string, string> known)
    {
        if (!known.TryGetValue(script.Version, out var checksum))
        {
            return false;
        }
        return checksum == script.Checksum
            ? true
            : throw new InvalidOperationException(
                $"it was changed after it was applied (recorded checksum {checksum[..12]}…, file {script.Checksum[..12]}…); add a new script instead");
    }

    private static async Task<Dictionary<string, string>> ReadAppliedAsync(NpgsqlConnection connection,
        NpgsqlTransaction tx, CancellationToken ct)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var cmd = new NpgsqlCommand("SELECT version, checksum FROM schema_migrations", connection, tx);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result[reader.GetString(0)] = reader.GetString(1);
        }
        return result;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
