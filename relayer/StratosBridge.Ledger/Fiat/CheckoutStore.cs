using Npgsql;
using NpgsqlTypes;
using StratosBridge.Ledger.Payments;
using StratosBridge.Ledger.Watching;

namespace StratosBridge.Ledger.Fiat;

/// <summary>
/// Card checkouts. A checkout is written (<c>creating</c>, with its Idempotency-Key) under a lock on its account before the
/// Stripe call, after the account's status and monthly limit are checked, so two concurrent checkouts cannot both pass
/// the limit. Fulfilment (<see cref="FulfilAsync"/>) is the one place a card payment enters the ledger: under a lock on
/// the checkout (and on its PaymentIntent, shared with <see cref="CardReversalStore"/>) it records the ledger payment at
/// most once, keyed by the Checkout Session id, whatever order and however often it is called.
/// </summary>
public sealed class CheckoutStore(NpgsqlDataSource database)
{
    internal const string Columns = """
        s.id, s.account_id, s.quote_id, s.idempotency_key, s.amount_cents, s.currency, s.success_url, s.cancel_url, s.stripe_session_id,
        s.url, s.payment_intent, s.stripe_status, s.payment_status, s.status, s.payment_id, s.last_error, s.expires_at, s.fulfilled_at,
        s.created_at, s.updated_at
        """;

    /// <summary>Statuses that do not count against the monthly limit: nothing was or will be charged.</summary>
    private const string NotCharged = "('expired', 'failed', 'abandoned')";

    /// <summary>
    /// Checks the account (exists, active) and its monthly limit (the checkouts created since <paramref name="monthStart"/>
    /// that may be charged, plus this one) under a lock on the account row, and records the checkout as <c>creating</c>.
    /// </summary>
    public async Task<CheckoutBegun> BeginAsync(NewCheckout checkout, DateTimeOffset monthStart, CancellationToken ct = default)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        string status;
        string? note;
        long limit;
        await using (var account = new NpgsqlCommand(
            "SELECT status, status_note, monthly_limit_cents FROM business_accounts WHERE id = @id FOR UPDATE", connection, tx))
        {
            account.Parameters.AddWithValue("id", checkout.AccountId);
            await using var reader = await account.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
            {
                return new CheckoutBegun(null, CheckoutRefusal.AccountNotFound, 0, 0, null);
            }
            (status, note, limit) = (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt64(2));
        }
        var used = await UsedSinceAsync(connection, tx, checkout.AccountId, monthStart, ct);
        if (status != "active")
        {
            return new CheckoutBegun(null, CheckoutRefusal.AccountOnHold, used, limit, note);
        }
        if (used + checkout.AmountCents > limit)
        {
            return new CheckoutBegun(null, CheckoutRefusal.MonthlyLimitExceeded, used, limit, note);
        }
        await using var insert = new NpgsqlCommand($"""
            INSERT INTO checkout_sessions AS s (account_id, quote_id, idempotency_key, amount_cents, success_url, cancel_url, expires_at)
            VALUES (@account, @quote, @key, @amount, @success, @cancel, @expires)
            RETURNING {Columns}
            """, connection, tx);
        insert.Parameters.AddWithValue("account", checkout.AccountId);
        insert.Parameters.AddWithValue("quote", checkout.QuoteId);
        insert.Parameters.AddWithValue("key", checkout.IdempotencyKey);
        insert.Parameters.AddWithValue("amount", checkout.AmountCents);
        insert.Parameters.AddWithValue("success", checkout.SuccessUrl);
        insert.Parameters.AddWithValue("cancel", checkout.CancelUrl);
        insert.Parameters.AddWithValue("expires", checkout.ExpiresAt);
        var row = (await ReadAllAsync(insert, ct)).Single();
        await tx.CommitAsync(ct);
        return new CheckoutBegun(row, null, used, limit, note);
    }

    /// <summary>The start (UTC) of the calendar month of <paramref name="now"/>: monthly limits and statements count from it.</summary>
    public static DateTimeOffset MonthStart(DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero);
    }

    /// <summary>The cents of the account's checkouts created since <paramref name="monthStart"/> that may be charged.</summary>
    public async Task<long> UsedSinceAsync(long accountId, DateTimeOffset monthStart, CancellationToken ct = default)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        return await UsedSinceAsync(connection, null, accountId, monthStart, ct);
    }

    private static async Task<long> UsedSinceAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, long accountId,
        DateTimeOffset monthStart, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"""
            SELECT coalesce(sum(amount_cents), 0)::bigint FROM checkout_sessions
             WHERE account_id = @account AND created_at >= @since AND status NOT IN {NotCharged}
            """, connection, tx);
        cmd.Parameters.AddWithValue("account", accountId);
        cmd.Parameters.AddWithValue("since", monthStart);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The session exists at Stripe: creating → open with its id and payment page.</summary>
    public async Task<CheckoutRow> OpenedAsync(long id, string stripeSessionId, string? url, string stripeStatus, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand($"""
            UPDATE checkout_sessions s SET stripe_session_id = $2, url = $3, stripe_status = $4,
                   status = CASE WHEN s.status = 'creating' THEN 'open' ELSE s.status END, last_error = NULL, updated_at = now()
             WHERE id = $1
            RETURNING {Columns}
            """);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(stripeSessionId);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)url ?? DBNull.Value);
        cmd.Parameters.AddWithValue(stripeStatus);
        return (await ReadAllAsync(cmd, ct)).Single();
    }

    /// <summary>Stripe refused to create the session (or could not be reached after retries): creating → abandoned.</summary>
    public async Task AbandonAsync(long id, string error, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("""
            UPDATE checkout_sessions SET status = 'abandoned', last_error = $2, updated_at = now() WHERE id = $1 AND status = 'creating'
            """);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(error);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Checkouts still <c>creating</c> longer than <paramref name="timeout"/> after they were recorded (the request ended
    /// before the Stripe call returned): creating → abandoned, so they stop counting against the monthly limit. Should
    /// Stripe have created the session after all, its payment is still fulfilled (<see cref="FulfilAsync"/>).
    /// </summary>
    public async Task<IReadOnlyList<CheckoutRow>> AbandonStaleCreatingAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand($"""
            UPDATE checkout_sessions s SET status = 'abandoned', updated_at = now(),
                   last_error = 'still creating after ' || $1::interval || ': the request ended before the Stripe call'
             WHERE s.status = 'creating' AND s.created_at < now() - $1
            RETURNING {Columns}
            """);
        cmd.Parameters.AddWithValue(timeout);
        return await ReadAllAsync(cmd, ct);
    }

    /// <summary>The account's checkout by our id, or null.</summary>
    public async Task<CheckoutRow?> GetAsync(long accountId, long id, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand($"SELECT {Columns} FROM checkout_sessions s WHERE s.id = $1 AND s.account_id = $2");
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(accountId);
        return (await ReadAllAsync(cmd, ct)).SingleOrDefault();
    }

    /// <summary>The checkout of a Stripe Checkout Session (cs_…), or null.</summary>
    public async Task<CheckoutRow?> GetByStripeIdAsync(string stripeSessionId, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand($"SELECT {Columns} FROM checkout_sessions s WHERE s.stripe_session_id = $1");
        cmd.Parameters.AddWithValue(stripeSessionId);
        return (await ReadAllAsync(cmd, ct)).SingleOrDefault();
    }

    /// <summary>Checkouts in a status (e.g. <c>held</c>), oldest first, for operators and the hold release.</summary>
    public async Task<IReadOnlyList<CheckoutRow>> InStatusAsync(long accountId, string status, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand($"SELECT {Columns} FROM checkout_sessions s WHERE s.account_id = $1 AND s.status = $2 ORDER BY s.id");
        cmd.Parameters.AddWithValue(accountId);
        cmd.Parameters.AddWithValue(status);
        return await ReadAllAsync(cmd, ct);
    }

    /// <summary>
    /// Fulfilment's ledger side, keyed by the Checkout Session id. Under a lock on the checkout (and on its PaymentIntent):
    /// a session Stripe reports <c>paid</c> records one final ledger payment (chain <c>card</c>, asset USD, the cents
    /// charged; its source event is the session) unless the checkout was fulfilled already, its money already went back
    /// (<see cref="CardReversalStore"/>: reversed, never credited), or its account is on hold (held). An unpaid session
    /// stays open; an expired one is marked expired. The payment's time is when it was made: before the session expired.
    /// </summary>
    public async Task<(FulfilmentOutcome Outcome, CheckoutRow? Checkout)> FulfilAsync(SessionSnapshot session, CancellationToken ct = default)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (session.PaymentIntent is { } intent)
        {
            await CardReversalStore.LockIntentAsync(connection, tx, intent, ct);
        }
        var row = await LockAsync(connection, tx, "s.stripe_session_id = @key", session.SessionId, ct);
        if (row is null && session.QuoteId is { } quoteId)
        {
            // the session was created at Stripe but the process stopped before recording its id
            row = await LockAsync(connection, tx, "s.quote_id = @key AND s.stripe_session_id IS NULL", quoteId.ToLowerInvariant(), ct);
        }
        if (row is null)
        {
            return (FulfilmentOutcome.Unknown, null);
        }
        await using (var seen = new NpgsqlCommand("""
            UPDATE checkout_sessions SET stripe_session_id = @session, stripe_status = @status, payment_status = @paymentStatus,
                   payment_intent = coalesce(payment_intent, @intent), updated_at = now(),
                   status = CASE WHEN status = 'creating' THEN 'open' ELSE status END
             WHERE id = @id
            """, connection, tx))
        {
            seen.Parameters.AddWithValue("session", session.SessionId);
            seen.Parameters.AddWithValue("status", session.Status);
            seen.Parameters.AddWithValue("paymentStatus", session.PaymentStatus);
            seen.Parameters.AddWithValue("intent", NpgsqlDbType.Text, (object?)session.PaymentIntent ?? DBNull.Value);
            seen.Parameters.AddWithValue("id", row.Id);
            await seen.ExecuteNonQueryAsync(ct);
        }
        var outcome = row.Status switch
        {
            "paid" => FulfilmentOutcome.AlreadyCredited,
            "reversed" => FulfilmentOutcome.Reversed,
            "expired" => FulfilmentOutcome.Expired,
            "failed" when session.PaymentStatus != "paid" => FulfilmentOutcome.Failed,
            _ => await DecideAsync(connection, tx, row, session, ct),
        };
        var after = await LockAsync(connection, tx, "s.id = @key", row.Id, ct);
        await tx.CommitAsync(ct);
        return (outcome, after);
    }

    private static async Task<FulfilmentOutcome> DecideAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CheckoutRow row,
        SessionSnapshot session, CancellationToken ct)
    {
        if (session.PaymentStatus != "paid")
        {
            if (session.Status == "expired")
            {
                await SetStatusAsync(connection, tx, row.Id, "expired", null, ct);
                return FulfilmentOutcome.Expired;
            }
            return FulfilmentOutcome.AwaitingPayment;
        }
        if (session.PaymentIntent is { } intent && await CardReversalStore.MoneyWentBackAsync(connection, tx, intent, ct) is { } why)
        {
            await SetStatusAsync(connection, tx, row.Id, "reversed", $"paid, but {why} before the Ozone was credited: nothing credited", ct);
            return FulfilmentOutcome.Reversed;
        }
        string accountStatus;
        await using (var account = new NpgsqlCommand("SELECT status FROM business_accounts WHERE id = @id FOR SHARE", connection, tx))
        {
            account.Parameters.AddWithValue("id", row.AccountId);
            accountStatus = (string)(await account.ExecuteScalarAsync(ct))!;
        }
        if (accountStatus != "active")
        {
            await SetStatusAsync(connection, tx, row.Id, "held", "paid while the account is on hold: credited when an operator releases the hold", ct);
            return FulfilmentOutcome.Held;
        }
        var now = DateTimeOffset.UtcNow;
        var payment = new ObservedPayment(session.SessionId, "", null, null, now < row.ExpiresAt ? now : row.ExpiresAt, row.QuoteId,
            $"account:{row.AccountId}", null, "USD", session.AmountTotal ?? 0, session.PayloadJson);
        var upserted = await ChainScanStore.UpsertEventAsync(connection, tx, CardChain, payment.TxHash, payment.SourceRef, payment.Kind,
                           null, null, payment.PayloadJson, ct, status: "finalized")
                       ?? throw new InvalidOperationException($"checkout {row.Id}: session {session.SessionId} was recorded as a payment before");
        await PaymentStore.InsertOrReviveAsync(connection, tx, upserted.EventId, CardChain, payment, "final",
            $"card payment through Stripe Checkout {session.SessionId}", ct);
        await using var paid = new NpgsqlCommand("""
            UPDATE checkout_sessions SET status = 'paid', fulfilled_at = now(), last_error = NULL,
                   payment_id = (SELECT id FROM payments WHERE source_event_id = @event)
             WHERE id = @id
            """, connection, tx);
        paid.Parameters.AddWithValue("event", upserted.EventId);
        paid.Parameters.AddWithValue("id", row.Id);
        await paid.ExecuteNonQueryAsync(ct);
        return FulfilmentOutcome.Credited;
    }

    /// <summary>The ledger chain name of card payments (the quotes' pay chain for USD).</summary>
    public const string CardChain = "card";

    /// <summary>An async payment failed (checkout.session.async_payment_failed): an open checkout → failed. Never undoes a paid one.</summary>
    public async Task<bool> MarkFailedAsync(string stripeSessionId, string reason, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("""
            UPDATE checkout_sessions SET status = 'failed', last_error = $2, updated_at = now()
             WHERE stripe_session_id = $1 AND status IN ('creating', 'open')
            """);
        cmd.Parameters.AddWithValue(stripeSessionId);
        cmd.Parameters.AddWithValue(reason);
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    internal static async Task SetStatusAsync(NpgsqlConnection connection, NpgsqlTransaction tx, long id, string status, string? note,
        CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "UPDATE checkout_sessions SET status = @status, last_error = @note, updated_at = now() WHERE id = @id", connection, tx);
        cmd.Parameters.AddWithValue("status", status);
        cmd.Parameters.AddWithValue("note", NpgsqlDbType.Text, (object?)note ?? DBNull.Value);
        cmd.Parameters.AddWithValue("id", id);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    internal static async Task<CheckoutRow?> LockAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string where, object key,
        CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"SELECT {Columns} FROM checkout_sessions s WHERE {where} FOR UPDATE", connection, tx);
        cmd.Parameters.AddWithValue("key", key);
        return (await ReadAllAsync(cmd, ct)).SingleOrDefault();
    }

    internal static async Task<IReadOnlyList<CheckoutRow>> ReadAllAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var result = new List<CheckoutRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result.Add(Read(reader));
        }
        return result;
    }

    internal static CheckoutRow Read(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetInt64(4), r.GetString(5), r.GetString(6), r.GetString(7),
        Text(r, 8), Text(r, 9), Text(r, 10), Text(r, 11), Text(r, 12), r.GetString(13), r.IsDBNull(14) ? null : r.GetInt64(14),
        Text(r, 15), r.GetFieldValue<DateTimeOffset>(16), r.IsDBNull(17) ? null : r.GetFieldValue<DateTimeOffset>(17),
        r.GetFieldValue<DateTimeOffset>(18), r.GetFieldValue<DateTimeOffset>(19));

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
