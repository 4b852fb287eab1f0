using Npgsql;
using NpgsqlTypes;

namespace StratosBridge.Ledger.Fiat;

/// <summary>What <see cref="CheckoutRefundStore.BeginAsync"/> came to.</summary>
public enum RefundBegun
{
    /// <summary>A new refund is recorded with the checkout's next key.</summary>
    New,
    /// <summary>The earlier request of the same refund got no answer: it is asked again with its key.</summary>
    Resumed,
    CheckoutNotFound,
    /// <summary>The checkout was never charged (or its charge is not known yet).</summary>
    NotRefundable,
    /// <summary>Another refund of the checkout has no answer yet, and this one asks something else.</summary>
    OtherInProgress,
}

/// <summary>
/// Operators' refunds of checkouts, recorded before the Stripe call with the Idempotency-Key <c>refund-{checkout}-{n}</c>
/// (n counts the checkout's refunds). While one has no answer from Stripe (<c>requested</c>) it is the one a new request
/// of the same amount resumes, with the same key, so Stripe refunds once however often the request is made.
/// </summary>
public sealed class CheckoutRefundStore(NpgsqlDataSource database)
{
    private const string Columns =
        "id, checkout_id, n, idempotency_key, amount_cents, reason, operator, status, stripe_refund_id, refunded_cents, last_error, created_at";

    /// <summary>Statuses of checkouts whose charge can be refunded: the money is with us.</summary>
    private static readonly string[] Charged = ["paid", "held"];

    /// <summary>Under a lock on the checkout: the refund to ask Stripe for (a new one, or the unanswered one resumed), or why not.</summary>
    public async Task<(RefundBegun Outcome, CheckoutRow? Checkout, CheckoutRefundRow? Refund)> BeginAsync(long checkoutId, long? amountCents,
        string reason, string operatorName, CancellationToken ct = default)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var checkout = await CheckoutStore.LockAsync(connection, tx, "s.id = @key", checkoutId, ct);
        if (checkout is null)
        {
            return (RefundBegun.CheckoutNotFound, null, null);
        }
        if (checkout.PaymentIntent is null || !Charged.Contains(checkout.Status))
        {
            return (RefundBegun.NotRefundable, checkout, null);
        }
        await using (var open = new NpgsqlCommand($"SELECT {Columns} FROM checkout_refunds WHERE checkout_id = @checkout AND status = 'requested'",
                         connection, tx))
        {
            open.Parameters.AddWithValue("checkout", checkoutId);
            if ((await ReadAllAsync(open, ct)).SingleOrDefault() is { } unanswered)
            {
                return unanswered.AmountCents == amountCents
                    ? (RefundBegun.Resumed, checkout, unanswered)
                    : (RefundBegun.OtherInProgress, checkout, unanswered);
            }
        }
        await using var insert = new NpgsqlCommand($"""
            INSERT INTO checkout_refunds (checkout_id, n, idempotency_key, amount_cents, reason, operator)
            SELECT @checkout, n, 'refund-' || @checkout || '-' || n, @amount, @reason, @operator
              FROM (SELECT coalesce(max(n), 0) + 1 AS n FROM checkout_refunds WHERE checkout_id = @checkout) next
            RETURNING {Columns}
            """, connection, tx);
        insert.Parameters.AddWithValue("checkout", checkoutId);
        insert.Parameters.AddWithValue("amount", NpgsqlDbType.Bigint, (object?)amountCents ?? DBNull.Value);
        insert.Parameters.AddWithValue("reason", reason);
        insert.Parameters.AddWithValue("operator", operatorName);
        var row = (await ReadAllAsync(insert, ct)).Single();
        await tx.CommitAsync(ct);
        return (RefundBegun.New, checkout, row);
    }

    /// <summary>Stripe made the refund (or replayed it): requested → succeeded.</summary>
    public Task<CheckoutRefundRow> SucceededAsync(long id, string stripeRefundId, long refundedCents, CancellationToken ct = default) =>
        SettleAsync(id, "succeeded", stripeRefundId, refundedCents, null, ct);

    /// <summary>Stripe refused the refund (it will refuse it again with this key): requested → failed.</summary>
    public Task<CheckoutRefundRow> FailedAsync(long id, string error, CancellationToken ct = default) => SettleAsync(id, "failed", null, null, error, ct);

    /// <summary>A checkout's refunds, oldest first.</summary>
    public async Task<IReadOnlyList<CheckoutRefundRow>> ForCheckoutAsync(long checkoutId, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand($"SELECT {Columns} FROM checkout_refunds WHERE checkout_id = $1 ORDER BY n");
        cmd.Parameters.AddWithValue(checkoutId);
        return await ReadAllAsync(cmd, ct);
    }

    private async Task<CheckoutRefundRow> SettleAsync(long id, string status, string? stripeRefundId, long? refundedCents, string? error,
        CancellationToken ct)
    {
        await using var cmd = database.CreateCommand($"""
            UPDATE checkout_refunds SET status = $2, stripe_refund_id = $3, refunded_cents = $4, last_error = $5, updated_at = now()
             WHERE id = $1 AND status = 'requested'
            RETURNING {Columns}
            """);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(status);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)stripeRefundId ?? DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Bigint, (object?)refundedCents ?? DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)error ?? DBNull.Value);
        if ((await ReadAllAsync(cmd, ct)).SingleOrDefault() is { } settled)
        {
            return settled;
        }
        // a concurrent request of the same refund settled it first (Stripe answered both the same): as it is
        await using var read = database.CreateCommand($"SELECT {Columns} FROM checkout_refunds WHERE id = $1");
        read.Parameters.AddWithValue(id);
        return (await ReadAllAsync(read, ct)).Single();
    }

    private static async Task<IReadOnlyList<CheckoutRefundRow>> ReadAllAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var rows = new List<CheckoutRefundRow>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            rows.Add(new CheckoutRefundRow(r.GetInt64(0), r.GetInt64(1), r.GetInt32(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetInt64(4),
                r.GetString(5), r.GetString(6), r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : r.GetInt64(9),
                r.IsDBNull(10) ? null : r.GetString(10), r.GetFieldValue<DateTimeOffset>(11)));
        }
        return rows;
    }
}
