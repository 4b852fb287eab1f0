using Npgsql;
using NpgsqlTypes;

namespace StratosBridge.Ledger.Webhooks;

/// <summary>
/// Webhook endpoints, the events the outbox turns into, and their deliveries. Events are recorded from the outbox in one
/// transaction per batch (the outbox rows are deleted in the same one), so each state change makes its events once.
/// Deliveries are claimed with <c>FOR UPDATE SKIP LOCKED</c> and a lease, as every other queue of the ledger.
/// </summary>
public sealed class WebhookStore(NpgsqlDataSource database)
{
    private const string EndpointColumns =
        "id, account_id, url, events, status, status_note, failing_since, previous_secret_until, created_at";

    public async Task<WebhookEndpointRow> CreateEndpointAsync(long accountId, string url, IReadOnlyList<string> events, string secret,
        CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand($"""
            INSERT INTO webhook_endpoints (account_id, url, events, secret) VALUES ($1, $2, $3, $4) RETURNING {EndpointColumns}
            """);
        cmd.Parameters.AddWithValue(accountId);
        cmd.Parameters.AddWithValue(url);
        cmd.Parameters.AddWithValue(events.ToArray());
        cmd.Parameters.AddWithValue(secret);
        return (await ReadEndpointsAsync(cmd, ct))[0];
    }

    public async Task<IReadOnlyList<WebhookEndpointRow>> EndpointsAsync(long accountId, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand($"SELECT {EndpointColumns} FROM webhook_endpoints WHERE account_id = $1 AND status <> 'deleted' ORDER BY id");
        cmd.Parameters.AddWithValue(accountId);
        return await ReadEndpointsAsync(cmd, ct);
    }

    public async Task<WebhookEndpointRow?> EndpointAsync(long accountId, long id, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand($"SELECT {EndpointColumns} FROM webhook_endpoints WHERE account_id = $1 AND id = $2 AND status <> 'deleted'");
        cmd.Parameters.AddWithValue(accountId);
        cmd.Parameters.AddWithValue(id);
        return (await ReadEndpointsAsync(cmd, ct)).SingleOrDefault();
    }

    /// <summary>A new secret; the current one keeps signing (as a second <c>v1</c>) until <paramref name="previousUntil"/>.</summary>
    public async Task<WebhookEndpointRow?> RotateSecretAsync(long accountId, long id, string secret, DateTimeOffset previousUntil,
        CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand($"""
            UPDATE webhook_endpoints SET previous_secret = secret, previous_secret_until = $3, secret = $4, updated_at = now()
             WHERE account_id = $1 AND id = $2 AND status <> 'deleted' RETURNING {EndpointColumns}
            """);
        cmd.Parameters.AddWithValue(accountId);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(previousUntil);
        cmd.Parameters.AddWithValue(secret);
        return (await ReadEndpointsAsync(cmd, ct)).SingleOrDefault();
    }

    /// <summary>
    /// Enables (and forgets past failures) or disables an endpoint, with why; disabling fails its pending deliveries.
    /// Null when the account has no such endpoint.
    /// </summary>
    public async Task<WebhookEndpointRow?> SetEnabledAsync(long accountId, long id, bool enabled, string note, CancellationToken ct = default)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var cmd = new NpgsqlCommand($"""
            UPDATE webhook_endpoints SET status = $3, status_note = $4, failing_since = NULL, updated_at = now()
             WHERE account_id = $1 AND id = $2 AND status <> 'deleted' RETURNING {EndpointColumns}
            """, conn, tx);
        cmd.Parameters.AddWithValue(accountId);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(enabled ? "enabled" : "disabled");
        cmd.Parameters.AddWithValue(note);
        var row = (await ReadEndpointsAsync(cmd, ct)).SingleOrDefault();
        if (row is not null && !enabled)
        {
            await FailPendingAsync(conn, tx, id, note, ct);
        }
        await tx.CommitAsync(ct);
        return row;
    }

    /// <summary>
    /// Deletes an endpoint for its account: it is no longer listed nor sent anything, and its pending deliveries fail with
    /// <paramref name="note"/>; the row stays as <c>deleted</c> so its deliveries keep their history. False when the account
    /// has no such endpoint (or it was deleted before).
    /// </summary>
    public async Task<bool> DeleteEndpointAsync(long accountId, long id, string note, CancellationToken ct = default)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            UPDATE webhook_endpoints SET status = 'deleted', status_note = $3, failing_since = NULL, updated_at = now()
             WHERE account_id = $1 AND id = $2 AND status <> 'deleted'
            """, conn, tx);
        cmd.Parameters.AddWithValue(accountId);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(note);
        if (await cmd.ExecuteNonQueryAsync(ct) == 0)
        {
            return false;
        }
        await FailPendingAsync(conn, tx, id, note, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task<bool> FollowAsync(long accountId, string wallet, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("INSERT INTO followed_wallets (account_id, wallet) VALUES ($1, $2) ON CONFLICT DO NOTHING");
        cmd.Parameters.AddWithValue(accountId);
        cmd.Parameters.AddWithValue(wallet);
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task<bool> UnfollowAsync(long accountId, string wallet, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("DELETE FROM followed_wallets WHERE account_id = $1 AND wallet = $2");
        cmd.Parameters.AddWithValue(accountId);
        cmd.Parameters.AddWithValue(wallet);
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task<IReadOnlyList<string>> FollowedAsync(long accountId, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("SELECT wallet FROM followed_wallets WHERE account_id = $1 ORDER BY wallet");
        cmd.Parameters.AddWithValue(accountId);
        var result = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result.Add(reader.GetString(0));
        }
        return result;
    }

    /// <summary>
    /// Turns up to <paramref name="batchSize"/> outbox rows into events and deliveries, and deletes them, in one transaction:
    /// <paramref name="types"/> (the policy) says which events a row makes, given its subject, state and whether the quote
    /// behind it was paid by card; each event goes to the accounts the subject belongs to (the quote's or checkout's
    /// account, a grant credit's program's account, the account itself, or the accounts following a transfer's wallets)
    /// and to each of their enabled endpoints that subscribed to its type. Returns the number of outbox rows handled.
    /// </summary>
    public async Task<int> DispatchOutboxAsync(int batchSize, Func<string, string, bool, IReadOnlyList<string>> types, CancellationToken ct = default)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var rows = new List<(long Id, string Subject, long SubjectId, string Status, DateTimeOffset At)>();
        await using (var select = new NpgsqlCommand(
                         "SELECT id, subject, subject_id, status, at FROM webhook_outbox ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED", conn, tx))
        {
            select.Parameters.AddWithValue(batchSize);
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4)));
            }
        }
        foreach (var row in rows)
        {
            foreach (var (accountId, byCard) in await OwnersAsync(conn, tx, row.Subject, row.SubjectId, ct))
            {
                foreach (var type in types(row.Subject, row.Status, byCard))
                {
                    await RecordEventAsync(conn, tx, accountId, type, row.Subject, row.SubjectId, row.Id, row.At, null, null, ct);
                }
            }
        }
        if (rows.Count > 0)
        {
            await using var delete = new NpgsqlCommand("DELETE FROM webhook_outbox WHERE id = ANY($1)", conn, tx);
            delete.Parameters.AddWithValue(rows.Select(r => r.Id).ToArray());
            await delete.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return rows.Count;
    }

    /// <summary>A <c>test.ping</c> event for one endpoint, with its payload, and its delivery; null when there is no such endpoint.</summary>
    public async Task<string?> RecordTestEventAsync(long accountId, long endpointId, Func<string, string> payload, CancellationToken ct = default)
    {
        if (await EndpointAsync(accountId, endpointId, ct) is null)
        {
            return null;
        }
        await using var conn = await database.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var id = await RecordEventAsync(conn, tx, accountId, "test.ping", "test", endpointId, null, DateTimeOffset.UtcNow, payload, endpointId, ct);
        await tx.CommitAsync(ct);
        return id;
    }

    private static async Task<IReadOnlyList<(long AccountId, bool ByCard)>> OwnersAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string subject,
        long id, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT DISTINCT account_id, by_card FROM (
              SELECT coalesce(q.account_id, cs.account_id) AS account_id, q.pay_chain = 'card' AS by_card
                FROM payments p JOIN quotes q ON q.id = p.quote_id LEFT JOIN checkout_sessions cs ON cs.quote_id = q.id
               WHERE $1 = 'payment' AND p.id = $2
              UNION ALL
              SELECT coalesce(q.account_id, cs.account_id), q.pay_chain = 'card'
                FROM credits c JOIN quotes q ON q.id = c.quote_id LEFT JOIN checkout_sessions cs ON cs.quote_id = q.id
               WHERE $1 = 'credit' AND c.id = $2
              UNION ALL
              SELECT gp.account_id, false
                FROM credits c JOIN grant_claims g ON g.id = c.grant_claim_id JOIN grant_programs gp ON gp.id = g.program_id
               WHERE $1 = 'credit' AND c.id = $2
              UNION ALL
              SELECT account_id, true FROM checkout_sessions WHERE $1 = 'checkout' AND id = $2
              UNION ALL
              SELECT id, false FROM business_accounts WHERE $1 = 'account' AND id = $2
              UNION ALL
              SELECT f.account_id, false FROM transfers t JOIN followed_wallets f ON f.wallet IN (t.sender, t.recipient)
               WHERE $1 = 'transfer' AND t.id = $2
            ) owners WHERE account_id IS NOT NULL
            """, conn, tx);
        cmd.Parameters.AddWithValue(subject);
        cmd.Parameters.AddWithValue(id);
        var result = new List<(long, bool)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result.Add((reader.GetInt64(0), !reader.IsDBNull(1) && reader.GetBoolean(1)));
        }
        return result;
    }

    /// <summary>
    /// Records an event (once per account, type and subject) and a first delivery to each enabled endpoint of the account
    /// subscribed to it, or only to <paramref name="onlyEndpoint"/>. Returns the event's id (null when it was recorded before).
    /// </summary>
    private static async Task<string?> RecordEventAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long accountId, string type, string subject,
        long subjectId, long? outboxId, DateTimeOffset occurredAt, Func<string, string>? payload, long? onlyEndpoint, CancellationToken ct)
    {
        var id = "evt_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));
        await using (var insert = new NpgsqlCommand("""
                         INSERT INTO webhook_events (id, account_id, type, subject, subject_id, outbox_id, occurred_at, payload)
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb) ON CONFLICT DO NOTHING
                         """, conn, tx))
        {
            insert.Parameters.AddWithValue(id);
            insert.Parameters.AddWithValue(accountId);
            insert.Parameters.AddWithValue(type);
            insert.Parameters.AddWithValue(subject);
            insert.Parameters.AddWithValue(subjectId);
            insert.Parameters.AddWithValue(NpgsqlDbType.Bigint, (object?)outboxId ?? DBNull.Value);
            insert.Parameters.AddWithValue(occurredAt);
            insert.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)payload?.Invoke(id) ?? DBNull.Value);
            if (await insert.ExecuteNonQueryAsync(ct) == 0)
            {
                return null;
            }
        }
        await using var deliveries = new NpgsqlCommand("""
            INSERT INTO webhook_deliveries (event_id, endpoint_id)
            SELECT $1, e.id FROM webhook_endpoints e
             WHERE e.account_id = $2 AND e.status = 'enabled' AND ($4::bigint IS NULL AND $3 = ANY(e.events) OR e.id = $4)
            ON CONFLICT DO NOTHING
            """, conn, tx);
        deliveries.Parameters.AddWithValue(id);
        deliveries.Parameters.AddWithValue(accountId);
        deliveries.Parameters.AddWithValue(type);
        deliveries.Parameters.AddWithValue(NpgsqlDbType.Bigint, (object?)onlyEndpoint ?? DBNull.Value);
        await deliveries.ExecuteNonQueryAsync(ct);
        return id;
    }

    /// <summary>
    /// Claims up to <paramref name="batchSize"/> due deliveries to enabled endpoints for <paramref name="lease"/>, counting the
    /// attempt now (before anything is sent): a delivery claimed again after a crash has <c>Attempts</c> above 1.
    /// </summary>
    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(string worker, int batchSize, TimeSpan lease, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("""
            WITH claimed AS (
              UPDATE webhook_deliveries d SET attempts = attempts + 1, claimed_by = $1, claimed_until = now() + $3, updated_at = now()
               WHERE d.id IN (SELECT d2.id FROM webhook_deliveries d2 JOIN webhook_endpoints e ON e.id = d2.endpoint_id
                               WHERE d2.status = 'pending' AND d2.next_attempt_at <= now() AND e.status = 'enabled'
                                 AND (d2.claimed_until IS NULL OR d2.claimed_until < now())
                               ORDER BY d2.next_attempt_at, d2.id LIMIT $2 FOR UPDATE OF d2 SKIP LOCKED)
              RETURNING d.id, d.event_id, d.endpoint_id, d.attempts, d.redelivery_of)
            SELECT c.id, c.event_id, c.endpoint_id, c.attempts, c.redelivery_of, ev.account_id, ev.type, ev.subject, ev.subject_id, ev.occurred_at,
                   ev.payload::text, e.url, e.secret, e.previous_secret, e.previous_secret_until
              FROM claimed c JOIN webhook_events ev ON ev.id = c.event_id JOIN webhook_endpoints e ON e.id = c.endpoint_id
             ORDER BY c.id
            """);
        cmd.Parameters.AddWithValue(worker);
        cmd.Parameters.AddWithValue(batchSize);
        cmd.Parameters.AddWithValue(lease);
        var result = new List<ClaimedDelivery>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result.Add(new ClaimedDelivery(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetInt64(4), reader.GetInt64(5), reader.GetString(6), reader.GetString(7), reader.GetInt64(8),
                reader.GetFieldValue<DateTimeOffset>(9), reader.IsDBNull(10) ? null : reader.GetString(10), reader.GetString(11),
                reader.GetString(12), reader.IsDBNull(13) ? null : reader.GetString(13),
                reader.IsDBNull(14) ? null : reader.GetFieldValue<DateTimeOffset>(14)));
        }
        return result;
    }

    /// <summary>Keeps <paramref name="payload"/> as the event's body unless one was kept first; returns the body kept.</summary>
    public async Task<string> KeepPayloadAsync(string eventId, string payload, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("""
            WITH kept AS (UPDATE webhook_events SET payload = $2::jsonb WHERE id = $1 AND payload IS NULL RETURNING payload::text)
            SELECT payload FROM kept UNION ALL SELECT payload::text FROM webhook_events WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM kept)
            """);
        cmd.Parameters.AddWithValue(eventId);
        cmd.Parameters.AddWithValue(payload);
        return (string)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// Records an attempt. Delivered: the delivery is done and its endpoint is no longer failing. Failed: tried again at
    /// <paramref name="retryAt"/>, and the endpoint failing since its first failure after the last success, which is
    /// returned (the caller decides whether to give up on the endpoint).
    /// </summary>
    public async Task<DateTimeOffset?> RecordAttemptAsync(ClaimedDelivery delivery, WebhookAttempt attempt, DateTimeOffset now, DateTimeOffset retryAt,
        CancellationToken ct = default)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var insert = new NpgsqlCommand("""
                         INSERT INTO webhook_attempts (delivery_id, at, duration_ms, status_code, error, response) VALUES ($1, $2, $3, $4, $5, $6)
                         """, conn, tx))
        {
            insert.Parameters.AddWithValue(delivery.Id);
            insert.Parameters.AddWithValue(now);
            insert.Parameters.AddWithValue(attempt.DurationMs);
            insert.Parameters.AddWithValue(NpgsqlDbType.Integer, (object?)attempt.StatusCode ?? DBNull.Value);
            insert.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)attempt.Error ?? DBNull.Value);
            insert.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)attempt.Response ?? DBNull.Value);
            await insert.ExecuteNonQueryAsync(ct);
        }
        await using (var row = new NpgsqlCommand(attempt.Succeeded
                         ? """
                           UPDATE webhook_deliveries SET status = 'delivered', delivered_at = $2, last_status = $3, last_error = NULL,
                                  claimed_by = NULL, claimed_until = NULL, updated_at = now() WHERE id = $1 AND status = 'pending'
                           """
                         : """
                           UPDATE webhook_deliveries SET next_attempt_at = $4, last_status = $3, last_error = $5,
                                  claimed_by = NULL, claimed_until = NULL, updated_at = now() WHERE id = $1 AND status = 'pending'
                           """, conn, tx))
        {
            row.Parameters.AddWithValue(delivery.Id);
            row.Parameters.AddWithValue(now);
            row.Parameters.AddWithValue(NpgsqlDbType.Integer, (object?)attempt.StatusCode ?? DBNull.Value);
            if (!attempt.Succeeded)
            {
                row.Parameters.AddWithValue(retryAt);
                row.Parameters.AddWithValue(attempt.Error ?? $"HTTP {attempt.StatusCode}");
            }
            await row.ExecuteNonQueryAsync(ct);
        }
        await using var endpoint = new NpgsqlCommand(attempt.Succeeded
            ? "UPDATE webhook_endpoints SET failing_since = NULL, updated_at = now() WHERE id = $1 AND failing_since IS NOT NULL RETURNING NULL::timestamptz"
            : "UPDATE webhook_endpoints SET failing_since = coalesce(failing_since, $2), updated_at = now() WHERE id = $1 RETURNING failing_since",
            conn, tx);
        endpoint.Parameters.AddWithValue(delivery.EndpointId);
        if (!attempt.Succeeded)
        {
            endpoint.Parameters.AddWithValue(now);
        }
        var failingSince = await endpoint.ExecuteScalarAsync(ct);
        await tx.CommitAsync(ct);
        return failingSince is DateTimeOffset since ? since : failingSince is DateTime utc ? new DateTimeOffset(utc, TimeSpan.Zero) : null;
    }

    /// <summary>Disables an endpoint that failed too long (with why), failing its pending deliveries.</summary>
    public async Task DisableFailingAsync(long endpointId, string note, CancellationToken ct = default)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            UPDATE webhook_endpoints SET status = 'disabled', status_note = $2, updated_at = now() WHERE id = $1 AND status = 'enabled'
            """, conn, tx);
        cmd.Parameters.AddWithValue(endpointId);
        cmd.Parameters.AddWithValue(note);
        if (await cmd.ExecuteNonQueryAsync(ct) == 1)
        {
            await FailPendingAsync(conn, tx, endpointId, note, ct);
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>A new delivery of the event of <paramref name="deliveryId"/> to the same endpoint, marked as a redelivery of it.</summary>
    public async Task<long?> RedeliverAsync(long accountId, long deliveryId, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("""
            INSERT INTO webhook_deliveries (event_id, endpoint_id, redelivery_of)
            SELECT d.event_id, d.endpoint_id, d.id FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
             WHERE d.id = $2 AND e.account_id = $1 AND e.status <> 'deleted'
            RETURNING id
            """);
        cmd.Parameters.AddWithValue(accountId);
        cmd.Parameters.AddWithValue(deliveryId);
        return await cmd.ExecuteScalarAsync(ct) is long id ? id : null;
    }

    /// <summary>An endpoint's deliveries, newest first, each with its last <paramref name="attempts"/> attempts.</summary>
    public async Task<IReadOnlyList<WebhookDeliveryRow>> DeliveriesAsync(long accountId, long endpointId, int limit, int attempts = 5,
        CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("""
            SELECT d.id, d.event_id, ev.type, d.endpoint_id, d.redelivery_of, d.status, d.attempts, d.next_attempt_at, d.last_status,
                   d.last_error, d.created_at, d.delivered_at,
                   coalesce((SELECT json_agg(json_build_object('at', a.at, 'durationMs', a.duration_ms, 'statusCode', a.status_code,
                                                               'error', a.error, 'response', a.response) ORDER BY a.id DESC)
                               FROM (SELECT * FROM webhook_attempts WHERE delivery_id = d.id ORDER BY id DESC LIMIT $4) a), '[]')::text
              FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id JOIN webhook_events ev ON ev.id = d.event_id
             WHERE e.account_id = $1 AND d.endpoint_id = $2
             ORDER BY d.id DESC LIMIT $3
            """);
        cmd.Parameters.AddWithValue(accountId);
        cmd.Parameters.AddWithValue(endpointId);
        cmd.Parameters.AddWithValue(limit);
        cmd.Parameters.AddWithValue(attempts);
        var result = new List<WebhookDeliveryRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var recent = System.Text.Json.JsonSerializer.Deserialize<List<WebhookAttemptRow>>(reader.GetString(12),
                new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)) ?? [];
            result.Add(new WebhookDeliveryRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3),
                reader.IsDBNull(4) ? null : reader.GetInt64(4), reader.GetString(5), reader.GetInt32(6), reader.GetFieldValue<DateTimeOffset>(7),
                reader.IsDBNull(8) ? null : reader.GetInt32(8), reader.IsDBNull(9) ? null : reader.GetString(9), reader.GetFieldValue<DateTimeOffset>(10),
                reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11), recent));
        }
        return result;
    }

    /// <summary>The quote a payment or credit belongs to (for the event's object); null for a grant's credit, which has none.</summary>
    public async Task<string?> QuoteOfAsync(string subject, long id, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand(subject == "payment"
            ? "SELECT quote_id FROM payments WHERE id = $1"
            : "SELECT quote_id FROM credits WHERE id = $1");
        cmd.Parameters.AddWithValue(id);
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    /// <summary>The source chain and transaction of a transfer (for the event's object).</summary>
    public async Task<(string Chain, string TxHash)?> TransferSourceAsync(long id, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("""
            SELECT e.chain, e.tx_hash FROM transfers t JOIN source_events e ON e.id = t.source_event_id WHERE t.id = $1
            """);
        cmd.Parameters.AddWithValue(id);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetString(0), reader.GetString(1)) : null;
    }

    private static async Task FailPendingAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long endpointId, string note, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            UPDATE webhook_deliveries SET status = 'failed', last_error = $2, claimed_by = NULL, claimed_until = NULL, updated_at = now()
             WHERE endpoint_id = $1 AND status = 'pending'
            """, conn, tx);
        cmd.Parameters.AddWithValue(endpointId);
        cmd.Parameters.AddWithValue(note);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<IReadOnlyList<WebhookEndpointRow>> ReadEndpointsAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var result = new List<WebhookEndpointRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result.Add(new WebhookEndpointRow(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetFieldValue<string[]>(3),
                reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7), reader.GetFieldValue<DateTimeOffset>(8)));
        }
        return result;
    }
}
