using Npgsql;
using NpgsqlTypes;

namespace StratosBridge.Ledger.Idempotency;

/// <summary>A kept answer (null <see cref="Status"/>: the first request is still being served).</summary>
public sealed record KeptAnswer(byte[] RequestSha256, string Method, string Path, int? Status, string? ContentType, string? Location, byte[]? Body);

/// <summary>
/// The answers of requests sent with an <c>Idempotency-Key</c>, by client scope and key, for <see cref="Lifetime"/>. The
/// primary key decides who runs a request: the one whose insert wins; the others read what it keeps.
/// </summary>
public sealed class IdempotencyStore(NpgsqlDataSource database)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>
    /// Claims (<paramref name="scope"/>, <paramref name="key"/>) for this request: null when it is ours to run (a row older
    /// than <see cref="Lifetime"/> is replaced), otherwise the row already there.
    /// </summary>
    public async Task<KeptAnswer?> ClaimAsync(string scope, string key, string method, string path, byte[] requestSha256, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        await using (var expire = new NpgsqlCommand(
                         "DELETE FROM idempotent_requests WHERE scope = $1 AND key = $2 AND created_at < now() - $3", conn))
        {
            expire.Parameters.AddWithValue(scope);
            expire.Parameters.AddWithValue(key);
            expire.Parameters.AddWithValue(Lifetime);
            await expire.ExecuteNonQueryAsync(ct);
        }
        await using (var insert = new NpgsqlCommand("""
                         INSERT INTO idempotent_requests (scope, key, method, path, request_sha256) VALUES ($1, $2, $3, $4, $5)
                         ON CONFLICT (scope, key) DO NOTHING
                         """, conn))
        {
            insert.Parameters.AddWithValue(scope);
            insert.Parameters.AddWithValue(key);
            insert.Parameters.AddWithValue(method);
            insert.Parameters.AddWithValue(path);
            insert.Parameters.AddWithValue(requestSha256);
            if (await insert.ExecuteNonQueryAsync(ct) == 1)
            {
                return null;
            }
        }
        return await ReadAsync(conn, scope, key, ct);
    }

    /// <summary>The row of (<paramref name="scope"/>, <paramref name="key"/>) as it is now (null when it was released).</summary>
    public async Task<KeptAnswer?> ReadAsync(string scope, string key, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        return await ReadAsync(conn, scope, key, ct);
    }

    /// <summary>Keeps the answer of the request that claimed the key.</summary>
    public async Task KeepAsync(string scope, string key, int status, string? contentType, string? location, byte[] body, CancellationToken ct)
    {
        await using var cmd = database.CreateCommand("""
            UPDATE idempotent_requests SET status = $3, content_type = $4, location = $5, body = $6, completed_at = now()
             WHERE scope = $1 AND key = $2 AND status IS NULL
            """);
        cmd.Parameters.AddWithValue(scope);
        cmd.Parameters.AddWithValue(key);
        cmd.Parameters.AddWithValue(status);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)contentType ?? DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)location ?? DBNull.Value);
        cmd.Parameters.AddWithValue(body);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Lets the key go (the request failed in a way worth trying again): the next request with it runs.</summary>
    public async Task ReleaseAsync(string scope, string key, CancellationToken ct)
    {
        await using var cmd = database.CreateCommand("DELETE FROM idempotent_requests WHERE scope = $1 AND key = $2 AND status IS NULL");
        cmd.Parameters.AddWithValue(scope);
        cmd.Parameters.AddWithValue(key);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Deletes answers older than <see cref="Lifetime"/>; how many.</summary>
    public async Task<int> PruneAsync(CancellationToken ct)
    {
        await using var cmd = database.CreateCommand("DELETE FROM idempotent_requests WHERE created_at < now() - $1");
        cmd.Parameters.AddWithValue(Lifetime);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<KeptAnswer?> ReadAsync(NpgsqlConnection conn, string scope, string key, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT request_sha256, method, path, status, content_type, location, body FROM idempotent_requests WHERE scope = $1 AND key = $2
            """, conn);
        cmd.Parameters.AddWithValue(scope);
        cmd.Parameters.AddWithValue(key);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new KeptAnswer(reader.GetFieldValue<byte[]>(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<byte[]>(6))
            : null;
    }
}
