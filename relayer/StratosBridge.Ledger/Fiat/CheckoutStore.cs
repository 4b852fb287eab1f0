using Npgsql;
using NpgsqlTypes;
using StratosBridge.Core.Checkouts;
using StratosBridge.Core.Payments;
using StratosBridge.Ledger.Payments;
using StratosBridge.Ledger.States;
using StratosBridge.Ledger.Watching;

namespace StratosBridge.Ledger.Fiat;

/// <summary>
/// Card checkouts. A checkout is written (<c>creating</c>, with its Idempotency-Key) under a lock on its account before the
/// Stripe call, after the account's status and monthly limit are checked, so two concurrent checkouts cannot both pass
/// the limit. Fulfilment (<see cref="FulfilAsync"/>) is the one place a card payment enters the ledger: under a lock on
/// the checkout (and on its PaymentIntent, shared with <see cref="CardReversalStore"/>) it records the ledger payment at
/// most once, keyed by the Checkout Session id, whatever order and however often it is called. Every status change is a
/// move of <see cref="CheckoutStates.Machine"/> through <see cref="StateChange"/>, with its timeline row.
/// </summary>
public sealed class CheckoutStore(NpgsqlDataSource database)
{
    private static Core.States.StateMachine<CheckoutStatus> Checkouts => CheckoutStates.Machine;
    internal const string Columns = """
        s.id, s.account_id, s.quote_id, s.idempotency_key, s.amount_cents, s.currency, s.success_url, s.cancel_url, s.stripe_session_id,
        s.url, s.payment_intent, s.stripe_status, s.payment_status, s.status, s.payment_id, s.last_error, s.expires_at, s.fulfilled_at,
        s.created_at, s.updated_at
        """;

    /// <summary>Statuses that do not count against the monthly limit: nothing was or will be charged.</summary>
    private static readonly string[] NotCharged =
        [Checkouts.Wire(CheckoutStatus.Expired), Checkouts.Wire(CheckoutStatus.Failed), Checkouts.Wire(CheckoutStatus.Abandoned)];

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
            WITH s AS (
                INSERT INTO checkout_sessions (account_id, quote_id, idempotency_key, amount_cents, success_url, cancel_url, expires_at, status)
                VALUES (@account, @quote, @key, @amount, @success, @cancel, @expires, @status)
                RETURNING *),
            step AS (
                INSERT INTO timeline (subject, subject_id, status, chain, actor, note)
                SELECT @subject, id, @status, @chain, @actor, 'recorded before the Stripe call: ' || amount_cents || ' cents' FROM s)
            SELECT {Columns} FROM s
            """, connection, tx);
        insert.Parameters.AddWithValue("status", Checkouts.Wire(CheckoutStatus.Creating));
        insert.Parameters.AddWithValue("subject", Checkouts.Subject);
        insert.Parameters.AddWithValue("chain", CardChain);
        insert.Parameters.AddWithValue("actor", Actor);
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
        await using var cmd = new NpgsqlCommand("""
            SELECT coalesce(sum(amount_cents), 0)::bigint FROM checkout_sessions
             WHERE account_id = @account AND created_at >= @since AND status <> ALL(@notCharged)
            """, connection, tx);
        cmd.Parameters.AddWithValue("notCharged", NotCharged);
        cmd.Parameters.AddWithValue("account", accountId);
        cmd.Parameters.AddWithValue("since", monthStart);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// The session exists at Stripe: creating → open with its id and payment page (also from abandoned, when the Stripe
    /// call outlasted <c>Fiat:CreatingTimeout</c>). When fulfilment saw the session first, only its page is added.
    /// </summary>
    public async Task<CheckoutRow> OpenedAsync(long id, string stripeSessionId, string? url, string stripeStatus, CancellationToken ct = default)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var opened = await StateChange.MoveAsync(connection, tx, Checkouts, [CheckoutStatus.Creating, CheckoutStatus.Abandoned], CheckoutStatus.Open,
            $"id = {id}", $"stripe_session_id = {stripeSessionId}, url = {Text(url)}, stripe_status = {stripeStatus}, last_error = NULL",
            new TransitionStep(Actor, "Stripe created the session", CardChain, stripeSessionId), ct);
        if (opened.Count == 0)
        {
            await using var page = new NpgsqlCommand("""
                UPDATE checkout_sessions SET url = coalesce(url, @url), stripe_session_id = coalesce(stripe_session_id, @session), updated_at = now()
                 WHERE id = @id
                """, connection, tx);
            page.Parameters.AddWithValue("url", NpgsqlDbType.Text, (object?)url ?? DBNull.Value);
            page.Parameters.AddWithValue("session", stripeSessionId);
            page.Parameters.AddWithValue("id", id);
            await page.ExecuteNonQueryAsync(ct);
        }
        var row = await LockAsync(connection, tx, "s.id = @key", id, ct) ?? throw new InvalidOperationException($"checkout {id} does not exist");
        await tx.CommitAsync(ct);
        return row;
    }

    /// <summary>Stripe refused to create the session (or could not be reached after retries): creating → abandoned.</summary>
    public async Task AbandonAsync(long id, string error, CancellationToken ct = default)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await StateChange.MoveAsync(connection, null, Checkouts, [CheckoutStatus.Creating], CheckoutStatus.Abandoned, $"id = {id}",
            $"last_error = {error}", new TransitionStep(Actor, $"Stripe did not create the session: {error}", CardChain), ct);
    }

    /// <summary>
    /// Checkouts still <c>creating</c> longer than <paramref name="timeout"/> after they were recorded (the request ended
    /// before the Stripe call returned): creating → abandoned, so they stop counting against the monthly limit. Should
    /// Stripe have created the session after all, its payment is still fulfilled (<see cref="FulfilAsync"/>).
    /// </summary>
    public async Task<IReadOnlyList<CheckoutRow>> AbandonStaleCreatingAsync(TimeSpan timeout, string actor, CancellationToken ct = default)
    {
        var why = $"still creating after {timeout}: the request ended before the Stripe call";
        await using var connection = await database.OpenConnectionAsync(ct);
        var moved = await StateChange.MoveAsync(connection, null, Checkouts, [CheckoutStatus.Creating], CheckoutStatus.Abandoned,
            $"created_at < now() - {timeout}", $"last_error = {why}", new TransitionStep(actor, why, CardChain), ct);
        if (moved.Count == 0)
        {
            return [];
        }
        await using var cmd = new NpgsqlCommand($"SELECT {Columns} FROM checkout_sessions s WHERE s.id = ANY(@ids) ORDER BY s.id", connection);
        cmd.Parameters.AddWithValue("ids", moved.ToArray());
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

    /// <summary>
    /// The account's checkouts newest first, at most <paramref name="limit"/>, with an id below <paramref name="beforeId"/>
    /// when given (index <c>checkout_sessions_by_account</c> orders by creation, and ids grow with it).
    /// </summary>
    public async Task<IReadOnlyList<CheckoutRow>> ListAsync(long accountId, int limit, long? beforeId, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand($"""
            SELECT {Columns} FROM checkout_sessions s
             WHERE s.account_id = $1 AND ($2::bigint IS NULL OR s.id < $2)
             ORDER BY s.id DESC LIMIT $3
            """);
        cmd.Parameters.AddWithValue(accountId);
        cmd.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Bigint, (object?)beforeId ?? DBNull.Value);
        cmd.Parameters.AddWithValue(limit);
        return await ReadAllAsync(cmd, ct);
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
                   payment_intent = coalesce(payment_intent, @intent), updated_at = now()
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
        if (Checkouts.Parse(row.Status) is CheckoutStatus.Creating or CheckoutStatus.Abandoned)
        {
            // the session exists at Stripe (created before the process stopped, or after the checkout was abandoned)
            await StateChange.MoveAsync(connection, tx, Checkouts, [CheckoutStatus.Creating, CheckoutStatus.Abandoned], CheckoutStatus.Open,
                $"id = {row.Id}", null, new TransitionStep(Actor, "the session was found at Stripe", CardChain, session.SessionId), ct);
            row = row with { Status = Checkouts.Wire(CheckoutStatus.Open) };
        }
        var outcome = Checkouts.Parse(row.Status) switch
        {
            CheckoutStatus.Paid => FulfilmentOutcome.AlreadyCredited,
            CheckoutStatus.Reversed => FulfilmentOutcome.Reversed,
            CheckoutStatus.Expired => FulfilmentOutcome.Expired,
            CheckoutStatus.Failed when session.PaymentStatus != "paid" => FulfilmentOutcome.Failed,
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
                await MoveAsync(connection, tx, row, CheckoutStatus.Expired, null, "the session expired at Stripe unpaid", ct);
                return FulfilmentOutcome.Expired;
            }
            return FulfilmentOutcome.AwaitingPayment;
        }
        if (session.PaymentIntent is { } intent && await CardReversalStore.MoneyWentBackAsync(connection, tx, intent, ct) is { } why)
        {
            await MoveAsync(connection, tx, row, CheckoutStatus.Reversed, $"paid, but {why} before the Ozone was credited: nothing credited", null, ct);
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
            await MoveAsync(connection, tx, row, CheckoutStatus.Held, "paid while the account is on hold: credited when an operator releases the hold",
                null, ct);
            return FulfilmentOutcome.Held;
        }
        var now = DateTimeOffset.UtcNow;
        var payment = new ObservedPayment(session.SessionId, "", null, null, now < row.ExpiresAt ? now : row.ExpiresAt, row.QuoteId,
            $"account:{row.AccountId}", null, "USD", session.AmountTotal ?? 0, session.PayloadJson);
        var upserted = await ChainScanStore.UpsertEventAsync(connection, tx, CardChain, payment.TxHash, payment.SourceRef, payment.Kind,
                           null, null, payment.PayloadJson, ct, status: "finalized")
                       ?? throw new InvalidOperationException($"checkout {row.Id}: session {session.SessionId} was recorded as a payment before");
        var paymentId = await PaymentStore.InsertOrReviveAsync(connection, tx, upserted.EventId, CardChain, payment, PaymentStatus.Final,
            $"card payment through Stripe Checkout {session.SessionId}", Actor, ct);
        await StateChange.MoveAsync(connection, tx, Checkouts, [Checkouts.Parse(row.Status)], CheckoutStatus.Paid, $"id = {row.Id}",
            $"fulfilled_at = now(), last_error = NULL, payment_id = {paymentId}",
            new TransitionStep(Actor, $"paid {session.AmountTotal} cents: payment {paymentId} recorded", CardChain, session.SessionId), ct);
        return FulfilmentOutcome.Credited;
    }

    /// <summary>The ledger chain name of card payments (the quotes' pay chain for USD).</summary>
    public const string CardChain = "card";

    /// <summary>An async payment failed (checkout.session.async_payment_failed): an open checkout → failed. Never undoes a paid one.</summary>
    public async Task<bool> MarkFailedAsync(string stripeSessionId, string reason, CancellationToken ct = default)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        var moved = await StateChange.MoveAsync(connection, null, Checkouts, [CheckoutStatus.Creating, CheckoutStatus.Open], CheckoutStatus.Failed,
            $"stripe_session_id = {stripeSessionId}", $"last_error = {reason}", new TransitionStep(Actor, reason, CardChain, stripeSessionId), ct);
        return moved.Count == 1;
    }

    /// <summary>
    /// Moves a checkout locked by the caller from the status it was read in to <paramref name="to"/>, with the note as its
    /// last error (<paramref name="note"/>) and on the timeline (<paramref name="step"/>, else the note). Staying where it is
    /// (held again while still on hold) is no move.
    /// </summary>
    internal static async Task MoveAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CheckoutRow row, CheckoutStatus to, string? note,
        string? step, CancellationToken ct)
    {
        var from = Checkouts.Parse(row.Status);
        if (from == to)
        {
            return;
        }
        await StateChange.MoveAsync(connection, tx, Checkouts, [from], to, $"id = {row.Id}", $"last_error = {Text(note)}",
            new TransitionStep(Actor, step ?? note, CardChain, row.StripeSessionId), ct);
    }

    /// <summary>Who moves checkouts on the timeline: the card flow (creation, fulfilment, reversals).</summary>
    private const string Actor = "card-checkout";

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

    /// <summary>A nullable text hole of a <see cref="StateChange"/> fragment, typed so PostgreSQL need not guess.</summary>
    private static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };
}
