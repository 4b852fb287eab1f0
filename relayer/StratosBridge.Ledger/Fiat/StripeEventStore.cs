using Npgsql;
using NpgsqlTypes;

namespace StratosBridge.Ledger.Fiat;

/// <summary>A Stripe event as the webhook received it (its signature already verified).</summary>
public sealed record ReceivedStripeEvent(string Id, string Type, string? ObjectId, DateTimeOffset Created, string PayloadJson);

/// <summary>A recorded Stripe event a handler has claimed.</summary>
public sealed record StripeEventRow(string Id, string Type, string? ObjectId, DateTimeOffset Created, string PayloadJson, int Attempts);

/// <summary>
/// Stripe webhook events, each recorded once by its id (a repeated delivery is a no-op), then handled by the jobs role:
/// claimed with <c>FOR UPDATE SKIP LOCKED</c> and a lease, marked handled or ignored, retried with a back-off, or
/// dead-lettered (<c>dead</c>) after too many attempts until an operator re-queues it.
/// </summary>
public sealed class StripeEventStore(NpgsqlDataSource database)
{
    /// <summary>Records the event; false when it was recorded before.</summary>
    public async Task<bool> RecordAsync(ReceivedStripeEvent received, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("""
            INSERT INTO stripe_events (id, type, object_id, created, payload) VALUES ($1, $2, $3, $4, $5::jsonb)
            ON CONFLICT (id) DO NOTHING
            """);
        cmd.Parameters.AddWithValue(received.Id);
        cmd.Parameters.AddWithValue(received.Type);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)received.ObjectId ?? DBNull.Value);
        cmd.Parameters.AddWithValue(received.Created);
        cmd.Parameters.AddWithValue(received.PayloadJson);
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>
    /// Claims up to <paramref name="batchSize"/> due events, oldest Stripe time first, for <paramref name="lease"/> (another
    /// handler takes them after it if this one dies).
    /// </summary>
    public async Task<IReadOnlyList<StripeEventRow>> ClaimAsync(int batchSize, TimeSpan lease, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("""
            UPDATE stripe_events SET attempts = attempts + 1, next_attempt_at = now() + $2
             WHERE id IN (SELECT id FROM stripe_events WHERE status = 'received' AND next_attempt_at <= now()
                           ORDER BY created, id LIMIT $1 FOR UPDATE SKIP LOCKED)
            RETURNING id, type, object_id, created, payload::text, attempts
            """);
        cmd.Parameters.AddWithValue(batchSize);
        cmd.Parameters.AddWithValue(lease);
        var result = new List<StripeEventRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result.Add(new StripeEventRow(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetString(4), reader.GetInt32(5)));
        }
        return result.OrderBy(e => e.Created).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>received → handled or ignored, with what was done.</summary>
    public async Task CompleteAsync(string id, bool handled, string note, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("""
            UPDATE stripe_events SET status = $2, last_error = $3, handled_at = now() WHERE id = $1 AND status = 'received'
            """);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(handled ? "handled" : "ignored");
        cmd.Parameters.AddWithValue(note);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Handling failed (Stripe or the ledger unavailable): try again after <paramref name="delay"/>.</summary>
    public async Task BackOffAsync(string id, TimeSpan delay, string error, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("""
            UPDATE stripe_events SET next_attempt_at = now() + $2, last_error = $3 WHERE id = $1 AND status = 'received'
            """);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(delay);
        cmd.Parameters.AddWithValue(error);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Handling failed for good (too many attempts): received → dead, kept for operators with the last error.</summary>
    public async Task<bool> DeadLetterAsync(string id, string error, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("""
            UPDATE stripe_events SET status = 'dead', last_error = $2, dead_at = now() WHERE id = $1 AND status = 'received'
            """);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(error);
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>
    /// An operator re-queues a dead-lettered event: dead → received, due now, its attempts counted afresh. Returns the event as
    /// it was when dead, or null when it is not dead.
    /// </summary>
    public async Task<DeadStripeEvent?> RequeueDeadAsync(string id, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand($"""
            WITH dead AS (SELECT {DeadColumns} FROM stripe_events WHERE id = $1 AND status = 'dead' FOR UPDATE)
            UPDATE stripe_events e SET status = 'received', attempts = 0, next_attempt_at = now(), dead_at = NULL
              FROM dead WHERE e.id = dead.id
            RETURNING dead.id, dead.type, dead.object_id, dead.created, dead.attempts, dead.last_error, dead.received_at, dead.dead_at
            """);
        cmd.Parameters.AddWithValue(id);
        return (await ReadDeadAsync(cmd, ct)).SingleOrDefault();
    }

    /// <summary>The dead-lettered events, most recent first, for operators.</summary>
    public async Task<IReadOnlyList<DeadStripeEvent>> DeadAsync(int limit, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand($"SELECT {DeadColumns} FROM stripe_events WHERE status = 'dead' ORDER BY dead_at DESC, id LIMIT $1");
        cmd.Parameters.AddWithValue(limit);
        return await ReadDeadAsync(cmd, ct);
    }

    private const string DeadColumns = "id, type, object_id, created, attempts, last_error, received_at, dead_at";

    private static async Task<IReadOnlyList<DeadStripeEvent>> ReadDeadAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var result = new List<DeadStripeEvent>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result.Add(new DeadStripeEvent(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetInt32(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetFieldValue<DateTimeOffset>(6), reader.GetFieldValue<DateTimeOffset>(7)));
        }
        return result;
    }

    /// <summary>Counts by status (received events are the webhook backlog), for status pages.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountsAsync(CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("SELECT status, count(*) FROM stripe_events GROUP BY status");
        var result = new Dictionary<string, long>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result[reader.GetString(0)] = reader.GetInt64(1);
        }
        return result;
    }
}
