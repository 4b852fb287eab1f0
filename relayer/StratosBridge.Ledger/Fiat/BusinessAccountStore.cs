using Npgsql;
using NpgsqlTypes;

namespace StratosBridge.Ledger.Fiat;

/// <summary>
/// Accounts (businesses and dApps, <see cref="AccountKind"/>) and their API keys (<c>0006_fiat.sql</c>, <c>0024_account_kinds.sql</c>). Inputs are validated by the caller (the API); the
/// table's checks are the last line. An API key is never stored: only its SHA-256, and its prefix to name it.
/// Status changes are guarded (<c>UPDATE … WHERE status = @from</c> on the row read under <c>FOR UPDATE</c>), and
/// resolving a hold (on-hold → active) resolves the account's open reversals and appends an <c>account_entries</c> row
/// (<c>hold-resolved</c>, with the operator's note) in the same transaction.
/// </summary>
public sealed class BusinessAccountStore(NpgsqlDataSource database)
{
    /// <summary>How often at most <see cref="AuthenticateAsync"/> writes a key's <c>last_used_at</c>.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private const string AccountColumns =
        "a.id, a.kind, a.name, a.contact_email, a.wallet, a.monthly_limit_cents, a.status, a.status_note, a.created_at, a.updated_at";

    private const string KeyColumns = "k.id, k.account_id, k.prefix, k.label, k.created_at, k.last_used_at, k.revoked_at";

    private const int KeySha256Length = 32;

    /// <summary>
    /// Creates an account, <see cref="BusinessAccountStatus.Active"/>; returns it as stored (id and times from the database).
    /// A business without a wallet is refused by the table (<c>business_accounts_business_has_wallet</c>).
    /// </summary>
    public async Task<BusinessAccountRow> CreateAsync(NewBusinessAccount account, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        await using var cmd = database.CreateCommand($"""
            INSERT INTO business_accounts AS a (name, contact_email, wallet, monthly_limit_cents, kind)
            VALUES ($1, $2, $3, $4, $5)
            RETURNING {AccountColumns}
            """);
        cmd.Parameters.AddWithValue(account.Name);
        cmd.Parameters.AddWithValue(account.ContactEmail);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)account.Wallet?.ToLowerInvariant() ?? DBNull.Value);
        cmd.Parameters.AddWithValue(account.MonthlyLimitCents);
        cmd.Parameters.AddWithValue(account.Kind);
        return await ReadAccountAsync(cmd, ct) ?? throw new InvalidOperationException("INSERT … RETURNING returned no row");
    }

    /// <summary>The account, or null when there is none with that id.</summary>
    public async Task<BusinessAccountRow?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand($"SELECT {AccountColumns} FROM business_accounts a WHERE a.id = $1");
        cmd.Parameters.AddWithValue(id);
        return await ReadAccountAsync(cmd, ct);
    }

    /// <summary>
    /// Accounts newest first, at most <paramref name="limit"/>, with an id below <paramref name="beforeId"/> when given,
    /// only those in <paramref name="status"/> and of <paramref name="kind"/> when given.
    /// </summary>
    public async Task<IReadOnlyList<BusinessAccountRow>> ListAsync(int limit, long? beforeId, string? status = null,
        CancellationToken ct = default, string? kind = null)
    {
        await using var cmd = database.CreateCommand($"""
            SELECT {AccountColumns} FROM business_accounts a
             WHERE ($1::bigint IS NULL OR a.id < $1) AND ($2::text IS NULL OR a.status = $2) AND ($4::text IS NULL OR a.kind = $4)
             ORDER BY a.id DESC LIMIT $3
            """);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Bigint, (object?)beforeId ?? DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)status ?? DBNull.Value);
        cmd.Parameters.AddWithValue(limit);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)kind ?? DBNull.Value);
        var result = new List<BusinessAccountRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result.Add(ReadAccount(reader));
        }
        return result;
    }

    /// <summary>
    /// Applies <paramref name="change"/> (null fields stay) and sets <c>updated_at</c>, under a lock on the account so the
    /// hold rule is decided on the status the update replaces: leaving <see cref="BusinessAccountStatus.OnHold"/> for
    /// <see cref="BusinessAccountStatus.Active"/> needs a note (<see cref="AccountUpdateOutcome.NoteRequired"/> otherwise)
    /// and records a <c>hold-resolved</c> account entry with it. An empty change returns the account as it is.
    /// </summary>
    public async Task<(AccountUpdateOutcome Outcome, BusinessAccountRow? Account)> UpdateAsync(long id, BusinessAccountChange change,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Status is { } wanted && !BusinessAccountStatus.All.Contains(wanted, StringComparer.Ordinal))
        {
            throw new ArgumentException($"'{wanted}' is not an account status", nameof(change));
        }
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        BusinessAccountRow? current;
        await using (var read = new NpgsqlCommand($"SELECT {AccountColumns} FROM business_accounts a WHERE a.id = $1 FOR UPDATE", connection, tx))
        {
            read.Parameters.AddWithValue(id);
            current = await ReadAccountAsync(read, ct);
        }
        if (current is null)
        {
            return (AccountUpdateOutcome.NotFound, null);
        }
        var resolvesHold = current.Status == BusinessAccountStatus.OnHold && change.Status == BusinessAccountStatus.Active;
        if (resolvesHold && string.IsNullOrWhiteSpace(change.Note))
        {
            return (AccountUpdateOutcome.NoteRequired, current);
        }
        if (change.IsEmpty)
        {
            return (AccountUpdateOutcome.Updated, current);
        }
        BusinessAccountRow updated;
        await using (var update = new NpgsqlCommand($"""
            UPDATE business_accounts AS a
               SET name = COALESCE(@name, a.name),
                   contact_email = COALESCE(@email, a.contact_email),
                   wallet = COALESCE(@wallet, a.wallet),
                   monthly_limit_cents = COALESCE(@limit, a.monthly_limit_cents),
                   status = COALESCE(@status, a.status),
                   status_note = CASE WHEN @note IS NOT NULL THEN @note
                                      WHEN @status IS NOT NULL AND @status <> a.status THEN NULL
                                      ELSE a.status_note END,
                   updated_at = now()
             WHERE a.id = @id AND a.status = @from
            RETURNING {AccountColumns}
            """, connection, tx))
        {
            update.Parameters.AddWithValue("name", NpgsqlDbType.Text, (object?)change.Name ?? DBNull.Value);
            update.Parameters.AddWithValue("email", NpgsqlDbType.Text, (object?)change.ContactEmail ?? DBNull.Value);
            update.Parameters.AddWithValue("wallet", NpgsqlDbType.Text, (object?)change.Wallet?.ToLowerInvariant() ?? DBNull.Value);
            update.Parameters.AddWithValue("limit", NpgsqlDbType.Bigint, (object?)change.MonthlyLimitCents ?? DBNull.Value);
            update.Parameters.AddWithValue("status", NpgsqlDbType.Text, (object?)change.Status ?? DBNull.Value);
            update.Parameters.AddWithValue("note", NpgsqlDbType.Text, (object?)change.Note ?? DBNull.Value);
            update.Parameters.AddWithValue("id", id);
            update.Parameters.AddWithValue("from", current.Status);
            // the row is locked above, so the guard holds; zero rows would mean the lock did not
            updated = await ReadAccountAsync(update, ct)
                      ?? throw new InvalidOperationException($"business account {id} changed status under a row lock");
        }
        if (resolvesHold)
        {
            // the operator's resolution covers every open reversal (CardReversalStore keeps the account on hold while any is open)
            await using var entry = new NpgsqlCommand("""
                WITH resolved AS (UPDATE account_entries SET resolved_at = now()
                                   WHERE account_id = $1 AND kind = 'reversal' AND resolved_at IS NULL)
                INSERT INTO account_entries (account_id, kind, note) VALUES ($1, 'hold-resolved', $2)
                """, connection, tx);
            entry.Parameters.AddWithValue(id);
            entry.Parameters.AddWithValue(change.Note!);
            await entry.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return (AccountUpdateOutcome.Updated, updated);
    }

    /// <summary>
    /// Stores a new API key of the account: its <paramref name="prefix"/> and the SHA-256 of the key (32 bytes), never
    /// the key. <see cref="ApiKeyAddOutcome.KeyTaken"/> when the prefix or the digest is already another key's.
    /// </summary>
    public async Task<(ApiKeyAddOutcome Outcome, ApiKeyRow? Key)> AddKeyAsync(long accountId, string prefix, byte[] keySha256,
        string? label, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        ArgumentNullException.ThrowIfNull(keySha256);
        if (keySha256.Length != KeySha256Length)
        {
            throw new ArgumentException($"a SHA-256 digest is {KeySha256Length} bytes, not {keySha256.Length}", nameof(keySha256));
        }
        await using (var insert = database.CreateCommand($"""
            INSERT INTO api_keys AS k (account_id, prefix, key_sha256, label)
            SELECT a.id, $2, $3, $4 FROM business_accounts a WHERE a.id = $1
            ON CONFLICT DO NOTHING
            RETURNING {KeyColumns}
            """))
        {
            insert.Parameters.AddWithValue(accountId);
            insert.Parameters.AddWithValue(prefix);
            insert.Parameters.AddWithValue(keySha256);
            insert.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)label ?? DBNull.Value);
            await using var reader = await insert.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct))
            {
                return (ApiKeyAddOutcome.Added, ReadKey(reader, 0));
            }
        }
        return await GetAsync(accountId, ct) is null ? (ApiKeyAddOutcome.AccountNotFound, null) : (ApiKeyAddOutcome.KeyTaken, null);
    }

    /// <summary>The account's keys, revoked ones included, oldest first (index <c>api_keys_by_account</c>).</summary>
    public async Task<IReadOnlyList<ApiKeyRow>> KeysAsync(long accountId, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand($"SELECT {KeyColumns} FROM api_keys k WHERE k.account_id = $1 ORDER BY k.id");
        cmd.Parameters.AddWithValue(accountId);
        var result = new List<ApiKeyRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result.Add(ReadKey(reader, 0));
        }
        return result;
    }

    /// <summary>
    /// Revokes the account's key: it no longer authenticates. Idempotent: a key revoked before keeps its first
    /// <c>revoked_at</c>. Null when the account has no key with that id.
    /// </summary>
    public async Task<ApiKeyRow?> RevokeKeyAsync(long accountId, long keyId, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand($"""
            UPDATE api_keys AS k SET revoked_at = COALESCE(k.revoked_at, now())
             WHERE k.id = $1 AND k.account_id = $2
            RETURNING {KeyColumns}
            """);
        cmd.Parameters.AddWithValue(keyId);
        cmd.Parameters.AddWithValue(accountId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ReadKey(reader, 0) : null;
    }

    /// <summary>
    /// The account and the key whose SHA-256 is <paramref name="keySha256"/>, in one statement (unique index on
    /// <c>key_sha256</c>); null for an unknown key. A revoked key comes back with its <see cref="ApiKeyRow.RevokedAt"/>
    /// so the caller can say so. For a live key <c>last_used_at</c> is written only when it is older than
    /// <see cref="LastUsedResolution"/> (or unset), so a busy key costs one write a minute, not one per request.
    /// </summary>
    public async Task<(BusinessAccountRow Account, ApiKeyRow Key)?> AuthenticateAsync(byte[] keySha256, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(keySha256);
        if (keySha256.Length != KeySha256Length)
        {
            return null;
        }
        await using var cmd = database.CreateCommand($"""
            WITH touched AS (
                UPDATE api_keys SET last_used_at = now()
                 WHERE key_sha256 = $1 AND revoked_at IS NULL
                   AND (last_used_at IS NULL OR last_used_at <= now() - $2::interval)
                RETURNING id, last_used_at
            )
            SELECT k.id, k.account_id, k.prefix, k.label, k.created_at, COALESCE(t.last_used_at, k.last_used_at), k.revoked_at,
                   {AccountColumns}
              FROM api_keys k
              JOIN business_accounts a ON a.id = k.account_id
              LEFT JOIN touched t ON t.id = k.id
             WHERE k.key_sha256 = $1
            """);
        cmd.Parameters.AddWithValue(keySha256);
        cmd.Parameters.AddWithValue(LastUsedResolution);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }
        return (ReadAccount(reader, 7), ReadKey(reader, 0));
    }

    private static async Task<BusinessAccountRow?> ReadAccountAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ReadAccount(reader) : null;
    }

    private static BusinessAccountRow ReadAccount(NpgsqlDataReader r, int at = 0) => new(
        r.GetInt64(at),
        r.GetString(at + 1),
        r.GetString(at + 2),
        r.GetString(at + 3),
        r.IsDBNull(at + 4) ? null : r.GetString(at + 4),
        r.GetInt64(at + 5),
        r.GetString(at + 6),
        r.IsDBNull(at + 7) ? null : r.GetString(at + 7),
        r.GetFieldValue<DateTimeOffset>(at + 8),
        r.GetFieldValue<DateTimeOffset>(at + 9));

    private static ApiKeyRow ReadKey(NpgsqlDataReader r, int at) => new(
        r.GetInt64(at),
        r.GetInt64(at + 1),
        r.GetString(at + 2),
        r.IsDBNull(at + 3) ? null : r.GetString(at + 3),
        r.GetFieldValue<DateTimeOffset>(at + 4),
        r.IsDBNull(at + 5) ? null : r.GetFieldValue<DateTimeOffset>(at + 5),
        r.IsDBNull(at + 6) ? null : r.GetFieldValue<DateTimeOffset>(at + 6));
}
