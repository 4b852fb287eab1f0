using System.Numerics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using StratosBridge.Core.Grants;

namespace StratosBridge.Ledger.Grants;

/// <summary>
/// Grant programs, their lists and codes, challenges and claims (<c>0026_grants.sql</c>). Inputs are validated by the
/// caller. A claim is decided by <see cref="GrantClaimPolicy"/> on facts read under the program's row lock, and an accepted
/// one is recorded with its reservation (total and today's) and its credit in the same transaction, so concurrent claims
/// from any number of instances cannot overshoot a budget or claim twice; a claim that fails rolls back whole, holding
/// nothing. A claim whose credit fails for good gives its reservation back (<see cref="ReleaseAsync"/>, in the transaction
/// that fails the credit; <see cref="GrantReservation"/>). Every operator change appends a <c>grant_audit</c> row in its
/// transaction.
/// </summary>
public sealed class GrantStore(NpgsqlDataSource database)
{
    private const string ProgramColumns = """
        p.id, p.name, p.starts_at, p.ends_at, p.noz_per_claim, p.budget_wei, p.daily_budget_wei, p.reserved_wei,
        coalesce(d.reserved_wei, 0), coalesce(d.claims, 0), p.allow_list_only, p.alarm_percent, p.status, p.created_at, p.updated_at,
        p.account_id
        """;

    private const string ProgramFrom = """
        grant_programs p LEFT JOIN grant_days d ON d.program_id = p.id AND d.day = (now() AT TIME ZONE 'UTC')::date
        """;

    private const string ClaimColumns = """
        g.id, g.program_id, g.wallet, g.code, g.noz, g.stos_wei, g.claimed_at, c.id, c.status, c.tx_hash, c.block_number,
        c.purchased_noz, c.last_error, c.completed_at, g.released_at
        """;

    /// <summary>Creates a program; null when one with that id exists already.</summary>
    public async Task<GrantProgramRow?> CreateProgramAsync(NewGrantProgram program, string actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(program);
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO grant_programs (id, name, starts_at, ends_at, noz_per_claim, budget_wei, daily_budget_wei, allow_list_only, alarm_percent,
                                        account_id)
            VALUES (@id, @name, @starts, @ends, @noz, @budget, @daily, @allow, @alarm, @account)
            ON CONFLICT (id) DO NOTHING
            """, connection, tx))
        {
            insert.Parameters.AddWithValue("id", program.Id);
            insert.Parameters.AddWithValue("name", program.Name);
            insert.Parameters.AddWithValue("starts", program.StartsAt);
            insert.Parameters.AddWithValue("ends", program.EndsAt);
            AddNumeric(insert, "noz", program.NozPerClaim);
            AddNumeric(insert, "budget", program.BudgetWei);
            AddNumeric(insert, "daily", program.DailyBudgetWei);
            insert.Parameters.AddWithValue("allow", program.AllowListOnly);
            insert.Parameters.AddWithValue("alarm", program.AlarmPercent);
            insert.Parameters.Add(new NpgsqlParameter("account", NpgsqlDbType.Bigint) { Value = (object?)program.AccountId ?? DBNull.Value });
            if (await insert.ExecuteNonQueryAsync(ct) == 0)
            {
                return null;
            }
        }
        await AuditAsync(connection, tx, program.Id, actor, "create", program, ct);
        var row = await ReadProgramAsync(connection, tx, program.Id, ct);
        await tx.CommitAsync(ct);
        return row;
    }

    /// <summary>Applies <paramref name="change"/>; null when there is no such program.</summary>
    public async Task<GrantProgramRow?> UpdateProgramAsync(string id, GrantProgramChange change, string actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var update = new NpgsqlCommand("""
            UPDATE grant_programs SET name = coalesce(@name, name), ends_at = coalesce(@ends, ends_at),
                   noz_per_claim = coalesce(@noz, noz_per_claim), budget_wei = coalesce(@budget, budget_wei),
                   daily_budget_wei = coalesce(@daily, daily_budget_wei), allow_list_only = coalesce(@allow, allow_list_only),
                   alarm_percent = coalesce(@alarm, alarm_percent), status = coalesce(@status, status),
                   account_id = CASE WHEN @no_account THEN NULL ELSE coalesce(@account, account_id) END, updated_at = now()
             WHERE id = @id
            """, connection, tx))
        {
            update.Parameters.AddWithValue("id", id);
            update.Parameters.Add(new NpgsqlParameter("name", NpgsqlDbType.Text) { Value = (object?)change.Name ?? DBNull.Value });
            update.Parameters.Add(new NpgsqlParameter("ends", NpgsqlDbType.TimestampTz) { Value = (object?)change.EndsAt ?? DBNull.Value });
            AddNumeric(update, "noz", change.NozPerClaim);
            AddNumeric(update, "budget", change.BudgetWei);
            AddNumeric(update, "daily", change.DailyBudgetWei);
            update.Parameters.Add(new NpgsqlParameter("allow", NpgsqlDbType.Boolean) { Value = (object?)change.AllowListOnly ?? DBNull.Value });
            update.Parameters.Add(new NpgsqlParameter("alarm", NpgsqlDbType.Integer) { Value = (object?)change.AlarmPercent ?? DBNull.Value });
            update.Parameters.Add(new NpgsqlParameter("status", NpgsqlDbType.Text) { Value = (object?)change.Status ?? DBNull.Value });
            update.Parameters.Add(new NpgsqlParameter("account", NpgsqlDbType.Bigint) { Value = (object?)change.AccountId ?? DBNull.Value });
            update.Parameters.AddWithValue("no_account", change.NoAccount);
            if (await update.ExecuteNonQueryAsync(ct) == 0)
            {
                return null;
            }
        }
        await AuditAsync(connection, tx, id, actor, "update", change, ct);
        var row = await ReadProgramAsync(connection, tx, id, ct);
        await tx.CommitAsync(ct);
        return row;
    }

    public async Task<GrantProgramRow?> GetProgramAsync(string id, CancellationToken ct = default)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        return await ReadProgramAsync(connection, null, id, ct);
    }

    /// <summary>Every program, newest first.</summary>
    public async Task<IReadOnlyList<GrantProgramRow>> ListProgramsAsync(CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand($"SELECT {ProgramColumns} FROM {ProgramFrom} ORDER BY p.created_at DESC, p.id");
        var result = new List<GrantProgramRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result.Add(ReadProgram(reader));
        }
        return result;
    }

    /// <summary>Adds wallets (lower-case 0x) to a program's allow-list; returns how many were new; null when there is no such program.</summary>
    public async Task<int?> AllowAsync(string programId, IReadOnlyCollection<string> wallets, string actor, CancellationToken ct = default)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (!await ProgramExistsAsync(connection, tx, programId, ct))
        {
            return null;
        }
        await using var insert = new NpgsqlCommand("""
            INSERT INTO grant_allowed_wallets (program_id, wallet) SELECT @program, w FROM unnest(@wallets) AS w ON CONFLICT DO NOTHING
            """, connection, tx);
        insert.Parameters.AddWithValue("program", programId);
        insert.Parameters.AddWithValue("wallets", wallets.ToArray());
        var added = await insert.ExecuteNonQueryAsync(ct);
        await AuditAsync(connection, tx, programId, actor, "allow", new { wallets }, ct);
        await tx.CommitAsync(ct);
        return added;
    }

    /// <summary>Puts a wallet on the deny-list of every program (again: the reason is replaced).</summary>
    public async Task DenyAsync(string wallet, string reason, string actor, CancellationToken ct = default)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO grant_denied_wallets (wallet, reason) VALUES (@wallet, @reason)
            ON CONFLICT (wallet) DO UPDATE SET reason = excluded.reason, added_at = now()
            """, connection, tx))
        {
            insert.Parameters.AddWithValue("wallet", wallet);
            insert.Parameters.AddWithValue("reason", reason);
            await insert.ExecuteNonQueryAsync(ct);
        }
        await AuditAsync(connection, tx, "*", actor, "deny", new { wallet, reason }, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Takes a wallet off the deny-list; false when it was not on it.</summary>
    public async Task<bool> UndenyAsync(string wallet, string actor, CancellationToken ct = default)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var delete = new NpgsqlCommand("DELETE FROM grant_denied_wallets WHERE wallet = @wallet", connection, tx))
        {
            delete.Parameters.AddWithValue("wallet", wallet);
            if (await delete.ExecuteNonQueryAsync(ct) == 0)
            {
                return false;
            }
        }
        await AuditAsync(connection, tx, "*", actor, "undeny", new { wallet }, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>Creates a campaign code; null when the program does not exist or has that code already (<see cref="CodeExistsAsync"/> tells which).</summary>
    public async Task<GrantCodeRow?> CreateCodeAsync(string programId, string code, BigInteger extraNoz, int maxUses, DateTimeOffset expiresAt,
        string actor, CancellationToken ct = default)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (!await ProgramExistsAsync(connection, tx, programId, ct))
        {
            return null;
        }
        GrantCodeRow? row;
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO grant_codes (program_id, code, extra_noz, max_uses, expires_at) VALUES (@program, @code, @extra, @max, @expires)
            ON CONFLICT DO NOTHING
            RETURNING program_id, code, extra_noz, max_uses, uses, expires_at, created_at
            """, connection, tx))
        {
            insert.Parameters.AddWithValue("program", programId);
            insert.Parameters.AddWithValue("code", code);
            AddNumeric(insert, "extra", extraNoz);
            insert.Parameters.AddWithValue("max", maxUses);
            insert.Parameters.AddWithValue("expires", expiresAt);
            await using var reader = await insert.ExecuteReaderAsync(ct);
            row = await reader.ReadAsync(ct) ? ReadCode(reader) : null;
        }
        if (row is null)
        {
            return null;
        }
        await AuditAsync(connection, tx, programId, actor, "code", new { code, extraNoz, maxUses, expiresAt }, ct);
        await tx.CommitAsync(ct);
        return row;
    }

    /// <summary>True when the program has a code named <paramref name="code"/>.</summary>
    public async Task<bool> CodeExistsAsync(string programId, string code, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("SELECT 1 FROM grant_codes WHERE program_id = $1 AND code = $2");
        cmd.Parameters.AddWithValue(programId);
        cmd.Parameters.AddWithValue(code);
        return await cmd.ExecuteScalarAsync(ct) is not null;
    }

    public async Task<IReadOnlyList<GrantCodeRow>> CodesAsync(string programId, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("""
            SELECT program_id, code, extra_noz, max_uses, uses, expires_at, created_at FROM grant_codes WHERE program_id = $1 ORDER BY created_at, code
            """);
        cmd.Parameters.AddWithValue(programId);
        var result = new List<GrantCodeRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result.Add(ReadCode(reader));
        }
        return result;
    }

    public async Task RecordChallengeAsync(GrantChallengeRow challenge, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        await using var cmd = database.CreateCommand("""
            INSERT INTO grant_challenges (id, program_id, wallet, message, expires_at) VALUES ($1, $2, $3, $4, $5)
            """);
        cmd.Parameters.AddWithValue(challenge.Id);
        cmd.Parameters.AddWithValue(challenge.ProgramId);
        cmd.Parameters.AddWithValue(challenge.Wallet);
        cmd.Parameters.AddWithValue(challenge.Message);
        cmd.Parameters.AddWithValue(challenge.ExpiresAt);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<GrantChallengeRow?> ChallengeAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("SELECT id, program_id, wallet, message, expires_at, used_at FROM grant_challenges WHERE id = $1");
        cmd.Parameters.AddWithValue(id);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new GrantChallengeRow(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5))
            : null;
    }

    /// <summary>Uses a challenge: true for the one caller that used it while it was unused and unexpired (by the database's clock).</summary>
    public async Task<bool> UseChallengeAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("""
            UPDATE grant_challenges SET used_at = now() WHERE id = $1 AND used_at IS NULL AND expires_at > now()
            """);
        cmd.Parameters.AddWithValue(id);
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>
    /// Claims <paramref name="programId"/> for <paramref name="wallet"/>: under the program's row lock (and the code's),
    /// reads the facts, asks <paramref name="decide"/>, and for an accepted claim records the claim, the reservation, the
    /// code's use and a ready credit of the decided STOS for the wallet, all in one transaction. A refusal records
    /// nothing but a <c>grant_refusals</c> row (by the caller, <see cref="RecordRefusalAsync"/>).
    /// </summary>
    public async Task<GrantClaimResult> ClaimAsync(string programId, string wallet, string? code, string? clientIp,
        Func<GrantClaimFacts, GrantDecision> decide, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(decide);
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // The lock first, in its own statement: a statement that waits for a row lock reads everything but that row as of
        // its start, so the facts are read by the next statement, which sees every claim committed before the lock was ours.
        await using (var lockProgram = new NpgsqlCommand("SELECT 1 FROM grant_programs WHERE id = @program FOR UPDATE", connection, tx))
        {
            lockProgram.Parameters.AddWithValue("program", programId);
            if (await lockProgram.ExecuteScalarAsync(ct) is null)
            {
                return new GrantClaimResult(null, new GrantRefusal(GrantRefusals.ProgramNotFound, $"there is no grant program '{programId}'"));
            }
        }
        GrantClaimFacts facts;
        await using (var read = new NpgsqlCommand("""
            SELECT now(), p.status = 'active', p.starts_at, p.ends_at, p.noz_per_claim, p.budget_wei, p.reserved_wei, p.daily_budget_wei,
                   coalesce((SELECT d.reserved_wei FROM grant_days d WHERE d.program_id = p.id AND d.day = (now() AT TIME ZONE 'UTC')::date), 0),
                   p.alarm_percent, p.alarmed_day IS NOT DISTINCT FROM (now() AT TIME ZONE 'UTC')::date, p.allow_list_only,
                   EXISTS (SELECT 1 FROM grant_allowed_wallets a WHERE a.program_id = p.id AND a.wallet = @wallet),
                   EXISTS (SELECT 1 FROM grant_denied_wallets w WHERE w.wallet = @wallet),
                   EXISTS (SELECT 1 FROM grant_claims g WHERE g.program_id = p.id AND g.wallet = @wallet AND g.released_at IS NULL)
              FROM grant_programs p WHERE p.id = @program
            """, connection, tx))
        {
            read.Parameters.AddWithValue("program", programId);
            read.Parameters.AddWithValue("wallet", wallet);
            await using var r = await read.ExecuteReaderAsync(ct);
            await r.ReadAsync(ct);
            facts = new GrantClaimFacts(r.GetFieldValue<DateTimeOffset>(0), r.GetBoolean(1), r.GetFieldValue<DateTimeOffset>(2),
                r.GetFieldValue<DateTimeOffset>(3), r.GetFieldValue<BigInteger>(4), r.GetFieldValue<BigInteger>(5), r.GetFieldValue<BigInteger>(6),
                r.GetFieldValue<BigInteger>(7), r.GetFieldValue<BigInteger>(8), r.GetInt32(9), r.GetBoolean(10), r.GetBoolean(11),
                r.GetBoolean(12), r.GetBoolean(13), r.GetBoolean(14), null);
        }
        if (code is not null)
        {
            await using var readCode = new NpgsqlCommand("""
                SELECT extra_noz, uses, max_uses, expires_at FROM grant_codes WHERE program_id = @program AND code = @code FOR UPDATE
                """, connection, tx);
            readCode.Parameters.AddWithValue("program", programId);
            readCode.Parameters.AddWithValue("code", code);
            await using var r = await readCode.ExecuteReaderAsync(ct);
            facts = facts with
            {
                Code = await r.ReadAsync(ct)
                    ? new GrantCodeFacts(code, true, r.GetFieldValue<BigInteger>(0), r.GetInt32(1), r.GetInt32(2), r.GetFieldValue<DateTimeOffset>(3))
                    : new GrantCodeFacts(code, false, 0, 0, 0, DateTimeOffset.MinValue),
            };
        }
        var decision = decide(facts);
        if (!decision.Accepted)
        {
            return new GrantClaimResult(null, new GrantRefusal(decision.RefusalCode!, decision.RefusalDetail!));
        }
        long claimId;
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO grant_claims (program_id, wallet, code, noz, stos_wei, client_ip) VALUES (@program, @wallet, @code, @noz, @wei, @ip)
            RETURNING id
            """, connection, tx))
        {
            insert.Parameters.AddWithValue("program", programId);
            insert.Parameters.AddWithValue("wallet", wallet);
            insert.Parameters.Add(new NpgsqlParameter("code", NpgsqlDbType.Text) { Value = decision.UsesCode ? code! : DBNull.Value });
            AddNumeric(insert, "noz", decision.Noz);
            AddNumeric(insert, "wei", decision.StosWei);
            insert.Parameters.Add(new NpgsqlParameter("ip", NpgsqlDbType.Text) { Value = (object?)clientIp ?? DBNull.Value });
            try
            {
                claimId = (long)(await insert.ExecuteScalarAsync(ct))!;
            }
            catch (PostgresException e) when (e is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "grant_claims_once_per_wallet" })
            {
                return new GrantClaimResult(null, new GrantRefusal(GrantRefusals.AlreadyClaimed,
                    "this wallet has claimed from this program already: one claim per wallet"));
            }
        }
        await using (var reserve = new NpgsqlCommand("""
            UPDATE grant_programs SET reserved_wei = reserved_wei + @wei, updated_at = now(),
                   alarmed_day = CASE WHEN @alarm THEN (now() AT TIME ZONE 'UTC')::date ELSE alarmed_day END
             WHERE id = @program;
            INSERT INTO grant_days (program_id, day, reserved_wei, claims) VALUES (@program, (now() AT TIME ZONE 'UTC')::date, @wei, 1)
            ON CONFLICT (program_id, day) DO UPDATE SET reserved_wei = grant_days.reserved_wei + excluded.reserved_wei, claims = grant_days.claims + 1;
            UPDATE grant_codes SET uses = uses + 1 WHERE @uses AND program_id = @program AND code = @code;
            INSERT INTO credits (grant_claim_id, beneficiary, stos_wei, quoted_noz, rule) VALUES (@claim, @wallet, @wei, @noz, @rule);
            """, connection, tx))
        {
            reserve.Parameters.AddWithValue("program", programId);
            reserve.Parameters.AddWithValue("wallet", wallet);
            reserve.Parameters.AddWithValue("alarm", decision.RaisesAlarm);
            reserve.Parameters.AddWithValue("uses", decision.UsesCode);
            reserve.Parameters.Add(new NpgsqlParameter("code", NpgsqlDbType.Text) { Value = (object?)code ?? DBNull.Value });
            reserve.Parameters.AddWithValue("claim", claimId);
            AddNumeric(reserve, "noz", decision.Noz);
            AddNumeric(reserve, "wei", decision.StosWei);
            reserve.Parameters.AddWithValue("rule", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(new
            {
                kind = "grant",
                program = programId,
                code = decision.UsesCode ? code : null,
                noz = decision.Noz.ToString(),
                stosWei = decision.StosWei.ToString(),
            }));
            await reserve.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        var claim = await ClaimOfAsync(programId, wallet, ct) ?? throw new InvalidOperationException($"claim {claimId} vanished after commit");
        return new GrantClaimResult(claim, null, decision.RaisesAlarm ? facts.AlarmPercent : null);
    }

    /// <summary>
    /// Gives back what the claims of <paramref name="failedCreditIds"/> (credits that have just failed for good, in the
    /// transaction of <paramref name="db"/>) reserved: the program's total, the claim's day, the campaign code's use. Each
    /// claim releases once (<c>released_at</c>); credits of payments are left alone. The SQL is the ledger's function
    /// <c>grant_release_reservations</c> (<c>0029_grant_releases_and_owners.sql</c>), which takes the programs' row locks
    /// first, as a claim does.
    /// </summary>
    public static async Task ReleaseAsync(DbContext db, IReadOnlyCollection<long> failedCreditIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (failedCreditIds.Count > 0)
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT grant_release_reservations({failedCreditIds.ToArray()})", ct);
        }
    }

    /// <summary>The wallet's latest claim of a program with its credit (the one in flight or done, else the last that failed), or null.</summary>
    public async Task<GrantClaimRow?> ClaimOfAsync(string programId, string wallet, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand($"""
            SELECT {ClaimColumns} FROM grant_claims g JOIN credits c ON c.grant_claim_id = g.id WHERE g.program_id = $1 AND g.wallet = $2
             ORDER BY g.id DESC LIMIT 1
            """);
        cmd.Parameters.AddWithValue(programId);
        cmd.Parameters.AddWithValue(wallet);
        return (await ReadClaimsAsync(cmd, ct)).SingleOrDefault();
    }

    /// <summary>The claim a grant credit buys for, with the credit, or null (a payment's credit, or no such credit).</summary>
    public async Task<GrantClaimRow?> ClaimOfCreditAsync(long creditId, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand($"""
            SELECT {ClaimColumns} FROM grant_claims g JOIN credits c ON c.grant_claim_id = g.id WHERE c.id = $1
            """);
        cmd.Parameters.AddWithValue(creditId);
        return (await ReadClaimsAsync(cmd, ct)).SingleOrDefault();
    }

    /// <summary>A program's claims in [<paramref name="from"/>, <paramref name="to"/>), oldest first, for its statement.</summary>
    public async Task<IReadOnlyList<GrantClaimRow>> ClaimsAsync(string programId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand($"""
            SELECT {ClaimColumns} FROM grant_claims g JOIN credits c ON c.grant_claim_id = g.id
             WHERE g.program_id = $1 AND g.claimed_at >= $2 AND g.claimed_at < $3 ORDER BY g.id
            """);
        cmd.Parameters.AddWithValue(programId);
        cmd.Parameters.AddWithValue(from);
        cmd.Parameters.AddWithValue(to);
        return await ReadClaimsAsync(cmd, ct);
    }

    public async Task RecordRefusalAsync(string programId, string? wallet, string reason, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("INSERT INTO grant_refusals (program_id, wallet, reason) VALUES ($1, $2, $3)");
        cmd.Parameters.AddWithValue(programId);
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)wallet ?? DBNull.Value });
        cmd.Parameters.AddWithValue(reason);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The program's last <paramref name="days"/> UTC days of claims, its credits by state, and its top refusals (last 7 days).</summary>
    public async Task<GrantProgramStats> StatsAsync(string programId, int days, CancellationToken ct = default)
    {
        var figures = new List<GrantDayFigures>();
        await using (var cmd = database.CreateCommand("""
            SELECT day, claims, reserved_wei FROM grant_days WHERE program_id = $1 AND day > (now() AT TIME ZONE 'UTC')::date - $2 ORDER BY day DESC
            """))
        {
            cmd.Parameters.AddWithValue(programId);
            cmd.Parameters.AddWithValue(days);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                figures.Add(new GrantDayFigures(r.GetFieldValue<DateOnly>(0), r.GetInt32(1), r.GetFieldValue<BigInteger>(2)));
            }
        }
        var states = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var cmd = database.CreateCommand("""
            SELECT c.status, count(*)::int FROM grant_claims g JOIN credits c ON c.grant_claim_id = g.id WHERE g.program_id = $1 GROUP BY c.status
            """))
        {
            cmd.Parameters.AddWithValue(programId);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                states[r.GetString(0)] = r.GetInt32(1);
            }
        }
        var refusals = new List<(string, int)>();
        await using (var cmd = database.CreateCommand("""
            SELECT reason, count(*)::int FROM grant_refusals WHERE program_id = $1 AND at > now() - interval '7 days'
             GROUP BY reason ORDER BY 2 DESC, 1 LIMIT 10
            """))
        {
            cmd.Parameters.AddWithValue(programId);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                refusals.Add((r.GetString(0), r.GetInt32(1)));
            }
        }
        return new GrantProgramStats(figures, states, refusals);
    }

    private static async Task<bool> ProgramExistsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string programId, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT 1 FROM grant_programs WHERE id = @id FOR SHARE", connection, tx);
        cmd.Parameters.AddWithValue("id", programId);
        return await cmd.ExecuteScalarAsync(ct) is not null;
    }

    private static async Task AuditAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string programId, string actor, string action,
        object details, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "INSERT INTO grant_audit (program_id, operator, action, details) VALUES (@program, @operator, @action, @details)", connection, tx);
        cmd.Parameters.AddWithValue("program", programId);
        cmd.Parameters.AddWithValue("operator", actor);
        cmd.Parameters.AddWithValue("action", action);
        cmd.Parameters.AddWithValue("details", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(details, AuditJson));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static readonly JsonSerializerOptions AuditJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new BigIntegerAsString() },
    };

    private static async Task<GrantProgramRow?> ReadProgramAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string id, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"SELECT {ProgramColumns} FROM {ProgramFrom} WHERE p.id = @id", connection, tx);
        cmd.Parameters.AddWithValue("id", id);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ReadProgram(reader) : null;
    }

    private static GrantProgramRow ReadProgram(NpgsqlDataReader r) => new(r.GetString(0), r.GetString(1), r.GetFieldValue<DateTimeOffset>(2),
        r.GetFieldValue<DateTimeOffset>(3), r.GetFieldValue<BigInteger>(4), r.GetFieldValue<BigInteger>(5), r.GetFieldValue<BigInteger>(6),
        r.GetFieldValue<BigInteger>(7), r.GetFieldValue<BigInteger>(8), r.GetInt32(9), r.GetBoolean(10), r.GetInt32(11), r.GetString(12),
        r.GetFieldValue<DateTimeOffset>(13), r.GetFieldValue<DateTimeOffset>(14), r.IsDBNull(15) ? null : r.GetInt64(15));

    private static GrantCodeRow ReadCode(NpgsqlDataReader r) => new(r.GetString(0), r.GetString(1), r.GetFieldValue<BigInteger>(2), r.GetInt32(3),
        r.GetInt32(4), r.GetFieldValue<DateTimeOffset>(5), r.GetFieldValue<DateTimeOffset>(6));

    private static async Task<IReadOnlyList<GrantClaimRow>> ReadClaimsAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var result = new List<GrantClaimRow>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            result.Add(new GrantClaimRow(r.GetInt64(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
                r.GetFieldValue<BigInteger>(4), r.GetFieldValue<BigInteger>(5), r.GetFieldValue<DateTimeOffset>(6), r.GetInt64(7), r.GetString(8),
                r.IsDBNull(9) ? null : r.GetString(9), r.IsDBNull(10) ? null : r.GetInt64(10), r.IsDBNull(11) ? null : r.GetFieldValue<BigInteger>(11),
                r.IsDBNull(12) ? null : r.GetString(12), r.IsDBNull(13) ? null : r.GetFieldValue<DateTimeOffset>(13),
                r.IsDBNull(14) ? null : r.GetFieldValue<DateTimeOffset>(14)));
        }
        return result;
    }

    private static void AddNumeric(NpgsqlCommand cmd, string name, BigInteger? value) =>
        cmd.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Numeric) { Value = value is { } v ? v : DBNull.Value });
}
