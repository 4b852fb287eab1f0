using Npgsql;
using StratosBridge.Core.Checkouts;
using StratosBridge.Core.Payments;
using StratosBridge.Ledger.States;

namespace StratosBridge.Ledger.Fiat;

/// <summary>
/// Refunds and disputes of card payments, and what they do to business accounts. Ozone cannot be taken back on chain:
/// money that goes back after the Ozone was credited writes a <c>reversal</c> entry and puts the account on hold; before
/// it was credited, the checkout is reversed and never credited. A refund (ours or from the dashboard) of a paid checkout
/// whose credit is still <c>ready</c> (its prepay not signed) cancels the credit in full, or leaves it for the rest of the
/// money in part, with no hold; a refund that comes while the payment waits for the matcher is tried again once matched. A dispute won undoes its reversal (<c>reinstated</c>)
/// and releases the hold when no other reversal is open. Each Stripe object is recorded once, and the outcome does not
/// depend on the order events arrive in: this store and fulfilment take the same lock on the PaymentIntent.
/// </summary>
public sealed class CardReversalStore(NpgsqlDataSource database)
{
    /// <summary>The first key of the PaymentIntent advisory locks ("STRI"), so they never meet the watchers' locks.</summary>
    private const int LockSpace = 0x53545249;

    internal static async Task LockIntentAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string paymentIntent, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@space, hashtext(@intent))", connection, tx);
        cmd.Parameters.AddWithValue("space", LockSpace);
        cmd.Parameters.AddWithValue("intent", paymentIntent);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Why the money of <paramref name="paymentIntent"/> went back (a refund, or a dispute not won), or null.</summary>
    internal static async Task<string?> MoneyWentBackAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string paymentIntent,
        CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT kind, stripe_ref, amount_cents FROM card_reversals r
             WHERE payment_intent = @intent
               AND (kind = 'refund' OR (kind = 'dispute' AND NOT EXISTS (
                        SELECT 1 FROM card_reversals w WHERE w.kind = 'dispute-won' AND w.stripe_ref = r.stripe_ref)))
             ORDER BY id LIMIT 1
            """, connection, tx);
        cmd.Parameters.AddWithValue("intent", paymentIntent);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }
        return reader.GetString(0) == "refund"
            ? $"{reader.GetInt64(2)} cents were refunded"
            : $"the payment is disputed ({reader.GetString(1)})";
    }

    /// <summary>Records a refund or dispute event once and applies it to its checkout and account (see the class summary).</summary>
    public async Task<(ReversalOutcome Outcome, long? AccountId)> RecordAsync(CardReversal reversal, CancellationToken ct = default)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await LockIntentAsync(connection, tx, reversal.PaymentIntent, ct);
        var (reversalId, cents) = await InsertAsync(connection, tx, reversal, ct);
        if (reversalId is null)
        {
            return (ReversalOutcome.Duplicate, null);
        }
        var checkout = await CheckoutStore.LockAsync(connection, tx, "s.payment_intent = @key", reversal.PaymentIntent, ct);
        var outcome = checkout switch
        {
            null => ReversalOutcome.Unlinked,
            { Status: "paid" } => reversal.Kind switch
            {
                "dispute-won" => await ReinstateAsync(connection, tx, checkout, reversal, reversalId.Value, cents, ct),
                "refund" => await RefundPaidAsync(connection, tx, checkout, reversal, reversalId.Value, cents, ct),
                _ => await ReverseAsync(connection, tx, checkout, reversal, reversalId.Value, cents, ct),
            },
            _ when reversal.Kind == "dispute-won" => ReversalOutcome.Recorded,
            { Status: "reversed" } => ReversalOutcome.BeforeCredit,
            _ => await BeforeCreditAsync(connection, tx, checkout, reversal, ct),
        };
        await tx.CommitAsync(ct);
        return (outcome, checkout?.AccountId);
    }

    /// <summary>Inserts the reversal row; a refund records the part of the cumulative total not recorded before. Null when nothing is new.</summary>
    private static async Task<(long? Id, long Cents)> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CardReversal reversal,
        CancellationToken ct)
    {
        var cents = reversal.AmountCents;
        var reference = reversal.StripeRef;
        if (reversal.Kind == "refund")
        {
            await using var before = new NpgsqlCommand(
                "SELECT coalesce(sum(amount_cents), 0)::bigint FROM card_reversals WHERE kind = 'refund' AND charge_id = @charge", connection, tx);
            before.Parameters.AddWithValue("charge", reversal.StripeRef);
            cents = reversal.AmountCents - (long)(await before.ExecuteScalarAsync(ct))!;
            if (cents <= 0)
            {
                return (null, 0);
            }
            reference = $"{reversal.StripeRef}:{reversal.AmountCents}";
        }
        await using var insert = new NpgsqlCommand("""
            INSERT INTO card_reversals (kind, stripe_ref, payment_intent, charge_id, amount_cents, event_id, occurred_at)
            VALUES (@kind, @ref, @intent, @charge, @cents, @event, @at)
            ON CONFLICT (kind, stripe_ref) DO NOTHING
            RETURNING id
            """, connection, tx);
        insert.Parameters.AddWithValue("kind", reversal.Kind);
        insert.Parameters.AddWithValue("ref", reference);
        insert.Parameters.AddWithValue("intent", reversal.PaymentIntent);
        insert.Parameters.AddWithValue("charge", reversal.Kind == "refund" ? reversal.StripeRef : (object?)reversal.ChargeId ?? DBNull.Value);
        insert.Parameters.AddWithValue("cents", cents);
        insert.Parameters.AddWithValue("event", (object?)reversal.EventId ?? DBNull.Value);
        insert.Parameters.AddWithValue("at", reversal.OccurredAt);
        return (await insert.ExecuteScalarAsync(ct) as long?, cents);
    }

    private static async Task<ReversalOutcome> BeforeCreditAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CheckoutRow checkout,
        CardReversal reversal, CancellationToken ct)
    {
        if (await MoneyWentBackAsync(connection, tx, reversal.PaymentIntent, ct) is not { } why)
        {
            return ReversalOutcome.Recorded; // a dispute already won
        }
        if (CheckoutStates.Machine.IsAllowed(CheckoutStates.Machine.Parse(checkout.Status), CheckoutStatus.Reversed))
        {
            await CheckoutStore.MoveAsync(connection, tx, checkout, CheckoutStatus.Reversed, $"{why} before the Ozone was credited: nothing credited",
                null, ct);
        }
        return ReversalOutcome.BeforeCredit;
    }

    /// <summary>
    /// A refund of a paid checkout. Under a lock on its payment and its credit: a payment the matcher has not decided yet
    /// throws <see cref="PaymentNotMatchedYetException"/> (the event is tried again); a payment left unmatched credited
    /// nothing (reversed); a credit still <c>ready</c> is cancelled (all refunded: the checkout is reversed) or reduced to
    /// the share of the money kept; otherwise the Ozone is delivered or on its way: a reversal and a hold.
    /// </summary>
    private static async Task<ReversalOutcome> RefundPaidAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CheckoutRow checkout,
        CardReversal refund, long reversalId, long cents, CancellationToken ct)
    {
        await using (var payment = new NpgsqlCommand("SELECT status FROM payments WHERE id = @id FOR UPDATE", connection, tx))
        {
            payment.Parameters.AddWithValue("id", checkout.PaymentId!.Value);
            switch ((string?)await payment.ExecuteScalarAsync(ct))
            {
                case "final":
                    throw new PaymentNotMatchedYetException(
                        $"payment {checkout.PaymentId} of checkout {checkout.Id} is not matched yet: the refund is applied once it is");
                case "unmatched":
                    await CheckoutStore.MoveAsync(connection, tx, checkout, CheckoutStatus.Reversed,
                        $"{refund.AmountCents} cents were refunded; the payment was unmatched: nothing credited", null, ct);
                    return ReversalOutcome.BeforeCredit;
            }
        }
        long creditId;
        await using (var credit = new NpgsqlCommand("SELECT id, status FROM credits WHERE payment_id = @payment FOR UPDATE", connection, tx))
        {
            credit.Parameters.AddWithValue("payment", checkout.PaymentId!.Value);
            await using var reader = await credit.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct) || reader.GetString(1) != CreditStates.Machine.Wire(CreditStatus.Ready))
            {
                await reader.DisposeAsync();
                return await ReverseAsync(connection, tx, checkout, refund, reversalId, cents, ct);
            }
            creditId = reader.GetInt64(0);
        }
        var kept = checkout.AmountCents - refund.AmountCents; // amount_refunded is the charge's running total
        var keptBefore = kept + cents;
        var step = new TransitionStep(Actor, kept <= 0
            ? $"the card payment was refunded in full ({refund.StripeRef}) before the prepay was signed: nothing is owed"
            : $"{cents} cents refunded ({refund.StripeRef}) before the prepay was signed: the credit is for the {kept} cents kept",
            CheckoutStore.CardChain, checkout.StripeSessionId);
        // the claim goes too, so a worker that read the credit before this cannot persist a prepay of the old amount
        var moved = kept <= 0
            ? await StateChange.MoveAsync(connection, tx, CreditStates.Machine, [CreditStatus.Ready], CreditStatus.Cancelled, $"id = {creditId}",
                $"claimed_by = NULL, claimed_until = NULL", step, ct)
            : await StateChange.MoveAsync(connection, tx, CreditStates.Machine, [CreditStatus.Ready], CreditStatus.Ready, $"id = {creditId}",
                $"stos_wei = div(stos_wei * {kept}, {keptBefore}), quoted_noz = div(quoted_noz * {kept}, {keptBefore}), claimed_by = NULL, claimed_until = NULL",
                step, ct);
        if (moved.Count == 0)
        {
            return await ReverseAsync(connection, tx, checkout, refund, reversalId, cents, ct);
        }
        if (kept > 0)
        {
            return ReversalOutcome.CreditReduced;
        }
        await CheckoutStore.MoveAsync(connection, tx, checkout, CheckoutStatus.Reversed,
            $"refunded in full before the Ozone was credited: credit {creditId} cancelled", null, ct);
        return ReversalOutcome.CreditCancelled;
    }

    /// <summary>Who moves credits when a refund comes before their prepay.</summary>
    private const string Actor = "card-refund";

    private static async Task<ReversalOutcome> ReverseAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CheckoutRow checkout,
        CardReversal reversal, long reversalId, long cents, CancellationToken ct)
    {
        var what = reversal.Kind == "refund" ? $"refund of {cents} cents on {reversal.StripeRef}" : $"dispute {reversal.StripeRef} ({cents} cents)";
        // a dispute whose "won" arrived first is reversed and reinstated at once, as if the events had come in order
        long? wonId = null;
        if (reversal.Kind == "dispute")
        {
            await using var won = new NpgsqlCommand(
                "SELECT id FROM card_reversals WHERE kind = 'dispute-won' AND stripe_ref = @ref", connection, tx);
            won.Parameters.AddWithValue("ref", reversal.StripeRef);
            wonId = await won.ExecuteScalarAsync(ct) as long?;
        }
        await using (var entry = new NpgsqlCommand("""
            INSERT INTO account_entries (account_id, kind, checkout_id, card_reversal_id, cents, note, resolved_at)
            VALUES (@account, 'reversal', @checkout, @reversal, @cents, @note, CASE WHEN @won::bigint IS NULL THEN NULL ELSE now() END)
            """, connection, tx))
        {
            entry.Parameters.AddWithValue("account", checkout.AccountId);
            entry.Parameters.AddWithValue("checkout", checkout.Id);
            entry.Parameters.AddWithValue("reversal", reversalId);
            entry.Parameters.AddWithValue("cents", cents);
            entry.Parameters.AddWithValue("note", $"{what} after the Ozone was credited (checkout {checkout.StripeSessionId})");
            entry.Parameters.AddWithValue("won", (object?)wonId ?? DBNull.Value);
            await entry.ExecuteNonQueryAsync(ct);
        }
        if (wonId is { } id)
        {
            await InsertReinstatedAsync(connection, tx, checkout, id, cents, $"dispute {reversal.StripeRef} won", ct);
            return ReversalOutcome.Reinstated;
        }
        await using var hold = new NpgsqlCommand("""
            UPDATE business_accounts SET status = 'on-hold', status_note = @note, updated_at = now() WHERE id = @account
            """, connection, tx);
        hold.Parameters.AddWithValue("account", checkout.AccountId);
        hold.Parameters.AddWithValue("note", $"on hold: {what} after the Ozone was credited; an operator must resolve it");
        await hold.ExecuteNonQueryAsync(ct);
        return ReversalOutcome.AccountOnHold;
    }

    private static async Task<ReversalOutcome> ReinstateAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CheckoutRow checkout,
        CardReversal won, long wonId, long cents, CancellationToken ct)
    {
        await using (var resolve = new NpgsqlCommand("""
            UPDATE account_entries e SET resolved_at = now()
              FROM card_reversals d
             WHERE e.card_reversal_id = d.id AND e.kind = 'reversal' AND e.resolved_at IS NULL
               AND d.kind = 'dispute' AND d.stripe_ref = @ref
            """, connection, tx))
        {
            resolve.Parameters.AddWithValue("ref", won.StripeRef);
            if (await resolve.ExecuteNonQueryAsync(ct) == 0)
            {
                return ReversalOutcome.Recorded; // the dispute has not reversed anything (yet): see ReverseAsync
            }
        }
        await InsertReinstatedAsync(connection, tx, checkout, wonId, cents, $"dispute {won.StripeRef} won", ct);
        await using var release = new NpgsqlCommand("""
            UPDATE business_accounts SET status = 'active', status_note = @note, updated_at = now()
             WHERE id = @account AND status = 'on-hold'
               AND NOT EXISTS (SELECT 1 FROM account_entries WHERE account_id = @account AND kind = 'reversal' AND resolved_at IS NULL)
            """, connection, tx);
        release.Parameters.AddWithValue("account", checkout.AccountId);
        release.Parameters.AddWithValue("note", $"hold released: dispute {won.StripeRef} won");
        await release.ExecuteNonQueryAsync(ct);
        return ReversalOutcome.Reinstated;
    }

    private static async Task InsertReinstatedAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CheckoutRow checkout, long wonId,
        long cents, string note, CancellationToken ct)
    {
        await using var entry = new NpgsqlCommand("""
            INSERT INTO account_entries (account_id, kind, checkout_id, card_reversal_id, cents, note)
            VALUES (@account, 'reinstated', @checkout, @reversal, @cents, @note)
            """, connection, tx);
        entry.Parameters.AddWithValue("account", checkout.AccountId);
        entry.Parameters.AddWithValue("checkout", checkout.Id);
        entry.Parameters.AddWithValue("reversal", wonId);
        entry.Parameters.AddWithValue("cents", cents);
        entry.Parameters.AddWithValue("note", note);
        await entry.ExecuteNonQueryAsync(ct);
    }
}
