using System.Numerics;
using Npgsql;
using NpgsqlTypes;
using StratosBridge.Core.Pauses;

namespace StratosBridge.Ledger.Pauses;

/// <summary>
/// Pauses (table <c>pauses</c>) and reconciliation results (<c>reconciliation_checks</c>). A pause row is its own audit:
/// put in place once per scope and origin (a second one is "already paused"), resumed once (a guarded update).
/// </summary>
public sealed class PauseStore(NpgsqlDataSource database)
{
    private const string Columns = """
        id, scope, chain, destination, origin, reason, paused_by, paused_at, check_key, detail::text, resumed_by, resumed_at, resume_reason
        """;

    /// <summary>The pauses in force now (workers read them at the start of every round).</summary>
    public async Task<PauseSet> InForceAsync(CancellationToken ct = default) =>
        new((await InForceRowsAsync(ct)).Select(r => r.Pause).ToList());

    /// <summary>The pauses in force now, whole (a reconciliation breach's numbers included), oldest first.</summary>
    public Task<IReadOnlyList<PauseRow>> InForceRowsAsync(CancellationToken ct = default) =>
        QueryAsync($"SELECT {Columns} FROM pauses WHERE resumed_at IS NULL ORDER BY id", _ => { }, ct);

    /// <summary>The pauses in force and the <paramref name="limit"/> latest resumed ones, newest first.</summary>
    public Task<IReadOnlyList<PauseRow>> RecentAsync(int limit, CancellationToken ct = default) =>
        QueryAsync($"""
            (SELECT {Columns} FROM pauses WHERE resumed_at IS NULL)
            UNION ALL (SELECT {Columns} FROM pauses WHERE resumed_at IS NOT NULL ORDER BY id DESC LIMIT $1)
            ORDER BY id DESC
            """, c => c.Parameters.AddWithValue(limit), ct);

    public async Task<PauseRow?> ByIdAsync(long id, CancellationToken ct = default) =>
        (await QueryAsync($"SELECT {Columns} FROM pauses WHERE id = $1", c => c.Parameters.AddWithValue(id), ct)).FirstOrDefault();

    private const string InsertPause = $"""
        INSERT INTO pauses (scope, chain, destination, origin, reason, paused_by, check_key, detail)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)
        ON CONFLICT (scope, coalesce(chain, ''), coalesce(destination, ''), origin) WHERE resumed_at IS NULL DO NOTHING
        RETURNING {Columns}
        """;

    private static void AddPauseParameters(NpgsqlCommand cmd, NewPause pause)
    {
        cmd.Parameters.AddWithValue(PauseSet.Wire(pause.Scope));
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)pause.Chain ?? DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)pause.Destination ?? DBNull.Value);
        cmd.Parameters.AddWithValue(PauseSet.Wire(pause.Origin));
        cmd.Parameters.AddWithValue(pause.Reason);
        cmd.Parameters.AddWithValue(pause.PausedBy);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)pause.CheckKey ?? DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)pause.DetailJson ?? DBNull.Value);
    }

    /// <summary>Puts a pause in place. Returns it and true; or the pause already in force for that scope and origin and false.</summary>
    public async Task<(PauseRow Pause, bool Created)> PauseAsync(NewPause pause, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand(InsertPause);
        AddPauseParameters(cmd, pause);
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            if (await reader.ReadAsync(ct))
            {
                return (Read(reader), true);
            }
        }
        var existing = await QueryAsync($"""
            SELECT {Columns} FROM pauses WHERE resumed_at IS NULL AND scope = $1 AND coalesce(chain, '') = $2
               AND coalesce(destination, '') = $3 AND origin = $4
            """, c =>
        {
            c.Parameters.AddWithValue(PauseSet.Wire(pause.Scope));
            c.Parameters.AddWithValue(pause.Chain ?? "");
            c.Parameters.AddWithValue(pause.Destination ?? "");
            c.Parameters.AddWithValue(PauseSet.Wire(pause.Origin));
        }, ct);
        // resumed between the two statements: put it in place again
        return existing.Count == 1 ? (existing[0], false) : await PauseAsync(pause, ct);
    }

    /// <summary>
    /// A reconciliation breach of <paramref name="pause"/>'s check with <paramref name="difference"/>: pauses its scope unless
    /// the check's rule tolerates the difference against the one an operator accepted (<see cref="ReconciliationRule"/>), decided
    /// under the check row's lock (the one <see cref="ResumeAsync"/> takes), so a check that started before an operator accepted
    /// the difference cannot pause again after. Null when tolerated meanwhile; Created false when its scope is paused by
    /// reconciliation already.
    /// </summary>
    public async Task<(PauseRow Pause, bool Created)?> BreachAsync(NewPause pause, BigInteger difference, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(pause);
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var tolerated = new NpgsqlCommand(
            $"SELECT {Tolerated("$2", "accepted", "rule")} FROM reconciliation_checks WHERE check_key = $1 FOR UPDATE", connection, tx))
        {
            tolerated.Parameters.AddWithValue(pause.CheckKey ?? throw new ArgumentException("a breach names its check", nameof(pause)));
            tolerated.Parameters.AddWithValue(NpgsqlDbType.Numeric, difference);
            if (await tolerated.ExecuteScalarAsync(ct) is true)
            {
                return null; // accepted meanwhile (the transaction rolls back on dispose)
            }
        }
        PauseRow? created = null;
        await using (var insert = new NpgsqlCommand(InsertPause, connection, tx))
        {
            AddPauseParameters(insert, pause);
            await using var reader = await insert.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct))
            {
                created = Read(reader);
            }
        }
        await tx.CommitAsync(ct);
        return created is not null ? (created, true) : await PauseAsync(pause, ct); // in force already: that one
    }

    /// <summary>
    /// The one statement of <see cref="ReconciliationRule"/> in SQL: whether <paramref name="difference"/> passes against
    /// <paramref name="accepted"/> under <paramref name="rule"/> (each an SQL expression).
    /// </summary>
    private static string Tolerated(string difference, string accepted, string rule) =>
        $"CASE WHEN {rule} = 'shortfall' THEN {difference} <= {accepted} ELSE {difference} = {accepted} END";

    private static string Wire(ReconciliationRule rule) => rule == ReconciliationRule.Shortfall ? "shortfall" : "exact";

    /// <summary>
    /// Resumes pause <paramref name="id"/> if it is in force (null otherwise: resumed already). Resuming a reconciliation
    /// pause accepts its check's difference as it was at the breach (in the same transaction): the check passes again while
    /// the numbers stay as the operator saw them. A check that passes again by now (its difference went back, e.g. a late
    /// webhook handled or the float topped up) keeps the difference it passes with: there is nothing to accept.
    /// </summary>
    public async Task<PauseRow?> ResumeAsync(long id, string actor, string reason, CancellationToken ct = default)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // A reconciliation pause's check row is locked first, as BreachAsync locks it: a check that read the old accepted
        // difference cannot pause again once the operator has accepted it (nor the two deadlock).
        await using (var lockCheck = new NpgsqlCommand("""
            SELECT 1 FROM reconciliation_checks c JOIN pauses p ON p.check_key = c.check_key WHERE p.id = $1 FOR UPDATE OF c
            """, connection, tx))
        {
            lockCheck.Parameters.AddWithValue(id);
            await lockCheck.ExecuteScalarAsync(ct);
        }
        PauseRow? resumed = null;
        await using (var cmd = new NpgsqlCommand($"""
            UPDATE pauses SET resumed_by = $2, resumed_at = now(), resume_reason = $3 WHERE id = $1 AND resumed_at IS NULL RETURNING {Columns}
            """, connection, tx))
        {
            cmd.Parameters.AddWithValue(id);
            cmd.Parameters.AddWithValue(actor);
            cmd.Parameters.AddWithValue(reason);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct))
            {
                resumed = Read(reader);
            }
        }
        if (resumed is { CheckKey: { } key, DetailJson: not null })
        {
            await using var accept = new NpgsqlCommand("""
                UPDATE reconciliation_checks c SET accepted = CASE WHEN c.ok THEN c.accepted ELSE (p.detail ->> 'difference')::numeric END
                  FROM pauses p WHERE p.id = $1 AND c.check_key = $2
                """, connection, tx);
            accept.Parameters.AddWithValue(id);
            accept.Parameters.AddWithValue(key);
            await accept.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return resumed;
    }

    /// <summary>Resumes the pause in force of <paramref name="origin"/> on exactly this scope (the service's own, e.g. a contract unpaused on-chain).</summary>
    public async Task<PauseRow?> ResumeOwnAsync(PauseScope scope, string? chain, string? destination, PauseOrigin origin, string actor, string reason,
        CancellationToken ct = default)
    {
        var rows = await QueryAsync($"""
            UPDATE pauses SET resumed_by = $5, resumed_at = now(), resume_reason = $6
             WHERE resumed_at IS NULL AND scope = $1 AND coalesce(chain, '') = $2 AND coalesce(destination, '') = $3 AND origin = $4
            RETURNING {Columns}
            """, c =>
        {
            c.Parameters.AddWithValue(PauseSet.Wire(scope));
            c.Parameters.AddWithValue(chain ?? "");
            c.Parameters.AddWithValue(destination ?? "");
            c.Parameters.AddWithValue(PauseSet.Wire(origin));
            c.Parameters.AddWithValue(actor);
            c.Parameters.AddWithValue(reason);
        }, ct);
        return rows.FirstOrDefault();
    }

    /// <summary>The difference an operator accepted for <paramref name="checkKey"/> (0 when none, or never checked).</summary>
    public async Task<BigInteger> AcceptedAsync(string checkKey, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("SELECT accepted FROM reconciliation_checks WHERE check_key = $1");
        cmd.Parameters.AddWithValue(checkKey);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? reader.GetFieldValue<BigInteger>(0) : BigInteger.Zero;
    }

    /// <summary>
    /// Records the latest result of a check under its <paramref name="rule"/>: its accepted difference is kept (under
    /// <see cref="ReconciliationRule.Shortfall"/> it lapses once the difference is back to 0), and it is ok when the rule
    /// tolerates the difference against it. Returns whether it was ok before (true for a new check) and whether it is ok now.
    /// </summary>
    public async Task<(bool WasOk, bool Ok)> RecordCheckAsync(string checkKey, string kind, BigInteger difference, string numbersJson, string? note,
        ReconciliationRule rule = ReconciliationRule.Exact, CancellationToken ct = default)
    {
        // ok is decided here, against the accepted difference as stored now (an operator may have accepted one meanwhile)
        await using var cmd = database.CreateCommand($"""
            WITH before AS (SELECT ok FROM reconciliation_checks WHERE check_key = $1)
            INSERT INTO reconciliation_checks AS c (check_key, kind, rule, ok, difference, numbers, note, checked_at)
            VALUES ($1, $2, $6, {Tolerated("$3", "0", "$6")}, $3, $4::jsonb, $5, now())
            ON CONFLICT (check_key) DO UPDATE SET kind = excluded.kind, rule = excluded.rule,
                   accepted = CASE WHEN excluded.rule = 'shortfall' AND excluded.difference <= 0 THEN 0 ELSE c.accepted END,
                   ok = {Tolerated("excluded.difference", "c.accepted", "excluded.rule")},
                   difference = excluded.difference, numbers = excluded.numbers, note = excluded.note, checked_at = excluded.checked_at
            RETURNING coalesce((SELECT ok FROM before), true), c.ok
            """);
        cmd.Parameters.AddWithValue(checkKey);
        cmd.Parameters.AddWithValue(kind);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Numeric, difference);
        cmd.Parameters.AddWithValue(numbersJson);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)note ?? DBNull.Value);
        cmd.Parameters.AddWithValue(Wire(rule));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetBoolean(0), reader.GetBoolean(1));
    }

    /// <summary>Every check's latest result, by key.</summary>
    public async Task<IReadOnlyList<ReconciliationCheckRow>> ChecksAsync(CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand(
            "SELECT check_key, kind, ok, difference, accepted, numbers::text, note, checked_at, rule FROM reconciliation_checks ORDER BY check_key");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var result = new List<ReconciliationCheckRow>();
        while (await reader.ReadAsync(ct))
        {
            result.Add(new ReconciliationCheckRow(reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), reader.GetFieldValue<BigInteger>(3),
                reader.GetFieldValue<BigInteger>(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.GetFieldValue<DateTimeOffset>(7), reader.GetString(8) == "shortfall" ? ReconciliationRule.Shortfall : ReconciliationRule.Exact));
        }
        return result;
    }

    private async Task<IReadOnlyList<PauseRow>> QueryAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken ct)
    {
        await using var cmd = database.CreateCommand(sql);
        bind(cmd);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var result = new List<PauseRow>();
        while (await reader.ReadAsync(ct))
        {
            result.Add(Read(reader));
        }
        return result;
    }

    private static PauseRow Read(NpgsqlDataReader r)
    {
        PauseSet.TryParseScope(r.GetString(1), out var scope);
        var pause = new ActivePause(r.GetInt64(0), scope, Text(r, 2), Text(r, 3), PauseSet.ParseOrigin(r.GetString(4)), r.GetString(5),
            r.GetString(6), r.GetFieldValue<DateTimeOffset>(7));
        return new PauseRow(pause, Text(r, 8), Text(r, 9), Text(r, 10), r.IsDBNull(11) ? null : r.GetFieldValue<DateTimeOffset>(11), Text(r, 12));
    }

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
