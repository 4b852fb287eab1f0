using System.Numerics;
using Npgsql;
using NpgsqlTypes;
using StratosBridge.Core.Payments;
using StratosBridge.Core.States;
using StratosBridge.Ledger.Quotes;
using StratosBridge.Ledger.States;
using StratosBridge.Ledger.Watching;

namespace StratosBridge.Ledger.Payments;

/// <summary>
/// Payments in the ledger. EVM payments arrive through <see cref="ChainScanStore.RecordRangeAsync"/> (pending until their
/// block is final); Solana payments are recorded final (<see cref="RecordFinalAsync"/>). The matcher then decides each
/// final payment exactly once (<see cref="MatchDueAsync"/>), under a lock on its quote so two payments of one quote are
/// decided one after the other, and the decision and its credit commit together. Every status change is a move of
/// <see cref="PaymentStates.Machine"/> through <see cref="StateChange"/>, with its timeline row.
/// </summary>
public sealed class PaymentStore(NpgsqlDataSource database)
{
    private static StateMachine<PaymentStatus> Payments => PaymentStates.Machine;

    /// <summary>Who decides payments on the timeline.</summary>
    private const string Matcher = "matcher";

    private const string Columns = """
        p.id, p.chain, p.tx_hash, p.quote_id, p.payer, p.beneficiary, p.asset, p.amount, p.block_number, p.paid_at, p.status,
        p.final_at, p.outcome, p.note, p.created_at
        """;

    /// <summary>
    /// Records a payment found at final commitment (Solana): its source event and the payment, final, in one transaction.
    /// Returns false when it was recorded before.
    /// </summary>
    public async Task<bool> RecordFinalAsync(string chain, ObservedPayment payment, CancellationToken ct = default)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var upserted = await ChainScanStore.UpsertEventAsync(connection, tx, chain, payment.TxHash, payment.SourceRef, payment.Kind,
            payment.BlockNumber, payment.BlockHash, payment.PayloadJson, ct, status: "finalized");
        if (upserted is not { Inserted: true } inserted)
        {
            return false;
        }
        await InsertOrReviveAsync(connection, tx, inserted.EventId, chain, payment, PaymentStatus.Final, "found at finalized commitment",
            $"watcher:{chain}", ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Inserts the payment of a new source event in <paramref name="status"/> (pending, or final when found final), with its
    /// first timeline row; or, for a pending one seen again (in a new block after a reorg), moves it from pending or orphaned
    /// back to pending there. Returns the payment's id.
    /// </summary>
    internal static async Task<long> InsertOrReviveAsync(NpgsqlConnection connection, NpgsqlTransaction tx, long eventId, string chain,
        ObservedPayment payment, PaymentStatus status, string note, string actor, CancellationToken ct)
    {
        await using (var cmd = new NpgsqlCommand("""
            WITH p AS (
                INSERT INTO payments (source_event_id, chain, tx_hash, quote_id, payer, beneficiary, asset, amount, block_number, paid_at,
                                      status, final_at, note)
                VALUES (@event, @chain, @tx, @quote, @payer, @beneficiary, @asset, @amount, @block, @paidAt, @status,
                        CASE WHEN @final THEN now() END, @note)
                ON CONFLICT (source_event_id) DO NOTHING
                RETURNING id),
            step AS (
                INSERT INTO timeline (subject, subject_id, status, chain, tx_hash, actor, note)
                SELECT @subject, id, @status, @chain, @tx, @actor, @note FROM p)
            SELECT id FROM p
            """, connection, tx))
        {
            cmd.Parameters.AddWithValue("event", eventId);
            cmd.Parameters.AddWithValue("chain", chain);
            cmd.Parameters.AddWithValue("tx", payment.TxHash);
            cmd.Parameters.AddWithValue("quote", payment.QuoteId.ToLowerInvariant());
            cmd.Parameters.AddWithValue("payer", payment.Payer);
            cmd.Parameters.AddWithValue("beneficiary", NpgsqlDbType.Text, (object?)payment.Beneficiary?.ToLowerInvariant() ?? DBNull.Value);
            cmd.Parameters.AddWithValue("asset", payment.Asset);
            cmd.Parameters.Add(new NpgsqlParameter("amount", NpgsqlDbType.Numeric) { Value = payment.Amount });
            cmd.Parameters.AddWithValue("block", NpgsqlDbType.Bigint, (object?)payment.BlockNumber ?? DBNull.Value);
            cmd.Parameters.AddWithValue("paidAt", payment.PaidAt);
            cmd.Parameters.AddWithValue("status", Payments.Wire(status));
            cmd.Parameters.AddWithValue("final", status == PaymentStatus.Final);
            cmd.Parameters.AddWithValue("note", note);
            cmd.Parameters.AddWithValue("subject", Payments.Subject);
            cmd.Parameters.AddWithValue("actor", actor);
            if (await cmd.ExecuteScalarAsync(ct) is long inserted)
            {
                return inserted;
            }
        }
        if (status != PaymentStatus.Pending)
        {
            throw new InvalidOperationException($"the payment of source event {eventId} was recorded before");
        }
        var block = new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = (object?)payment.BlockNumber ?? DBNull.Value };
        var revived = await StateChange.MoveAsync(connection, tx, Payments, [PaymentStatus.Pending, PaymentStatus.Orphaned], PaymentStatus.Pending,
            $"source_event_id = {eventId}", $"block_number = {block}, paid_at = {payment.PaidAt}, note = {note}",
            new TransitionStep(actor, note, chain, payment.TxHash), ct);
        return revived.Count == 1 ? revived[0] : await IdOfEventAsync(connection, tx, eventId, ct);
    }

    private static async Task<long> IdOfEventAsync(NpgsqlConnection connection, NpgsqlTransaction tx, long eventId, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT id FROM payments WHERE source_event_id = @event", connection, tx);
        cmd.Parameters.AddWithValue("event", eventId);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// Moves the pending payments of the given source events to final (their blocks are final: ready to be matched) or to
    /// orphaned (their blocks were reorganised away), inside the watcher's transaction. Returns the payments moved.
    /// </summary>
    internal static Task<IReadOnlyList<long>> SettleSourceEventsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, long[] eventIds,
        PaymentStatus to, string note, string actor, string chain, CancellationToken ct) =>
        StateChange.MoveAsync(connection, tx, Payments, [PaymentStatus.Pending], to, $"source_event_id = ANY({eventIds})",
            to == PaymentStatus.Final ? (FormattableString)$"final_at = now(), note = {note}" : $"note = {note}",
            new TransitionStep(actor, note, chain), ct);

    /// <summary>
    /// Takes the next final payment due for matching (skipping ones another matcher holds), locks its quote, and lets
    /// <paramref name="decide"/> judge it given the quote (null when unknown) and the payments of that quote matched before.
    /// The decision, and its credit if any, commit in the same transaction. Returns null when no payment is due.
    /// </summary>
    public async Task<(PaymentRow Payment, QuoteRow? Quote, MatchDecision Decision)?> MatchNextAsync(
        Func<PaymentRow, QuoteRow?, IReadOnlyList<PaymentRow>, MatchDecision> decide, CancellationToken ct = default) =>
        await MatchDueAsync(decide, 1, ct) is [var decided] ? decided : null;

    /// <summary>
    /// Decides up to <paramref name="max"/> due final payments, one after the other as <see cref="MatchNextAsync"/> does, in one
    /// transaction: each decision sees the ones before it (a second payment of a quote counts the first as matched before), and
    /// all of them with their credits commit together. A payment whose quote another matcher holds ends the batch (it is
    /// decided later), so two matchers never wait on each other's quotes. Returns the decisions, in order.
    /// </summary>
    public async Task<IReadOnlyList<(PaymentRow Payment, QuoteRow? Quote, MatchDecision Decision)>> MatchDueAsync(
        Func<PaymentRow, QuoteRow?, IReadOnlyList<PaymentRow>, MatchDecision> decide, int max, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var decided = new List<(PaymentRow, QuoteRow?, MatchDecision)>();
        while (decided.Count < max && await DecideNextAsync(connection, tx, decide, ct) is { } one)
        {
            decided.Add(one);
        }
        await tx.CommitAsync(ct);
        return decided;
    }

    /// <summary>One payment of <see cref="MatchDueAsync"/>, inside its transaction; null when none is due (or its quote is held elsewhere).</summary>
    private static async Task<(PaymentRow Payment, QuoteRow? Quote, MatchDecision Decision)?> DecideNextAsync(NpgsqlConnection connection,
        NpgsqlTransaction tx, Func<PaymentRow, QuoteRow?, IReadOnlyList<PaymentRow>, MatchDecision> decide, CancellationToken ct)
    {
        PaymentRow? payment;
        await using (var next = new NpgsqlCommand($"""
            SELECT {Columns} FROM payments p
             WHERE p.status = @final AND p.next_attempt_at <= now()
             ORDER BY p.next_attempt_at, p.id LIMIT 1
               FOR UPDATE SKIP LOCKED
            """, connection, tx))
        {
            next.Parameters.AddWithValue("final", Payments.Wire(PaymentStatus.Final));
            payment = await ReadOneAsync(next, ct);
        }
        if (payment is null)
        {
            return null;
        }
        QuoteRow? quote;
        await using (var lockQuote = new NpgsqlCommand($"SELECT {QuoteStore.Columns} FROM quotes WHERE id = @id FOR UPDATE SKIP LOCKED", connection, tx))
        {
            lockQuote.Parameters.AddWithValue("id", payment.QuoteId);
            await using var reader = await lockQuote.ExecuteReaderAsync(ct);
            quote = await reader.ReadAsync(ct) ? QuoteStore.Read(reader) : null;
        }
        if (quote is null)
        {
            // no such quote, or another matcher holds it (then this payment waits for that matcher's commit)
            await using var exists = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM quotes WHERE id = @id)", connection, tx);
            exists.Parameters.AddWithValue("id", payment.QuoteId);
            if ((bool)(await exists.ExecuteScalarAsync(ct))!)
            {
                return null;
            }
        }
        var earlier = new List<PaymentRow>();
        if (quote is not null)
        {
            await using var matched = new NpgsqlCommand($"""
                SELECT {Columns} FROM payments p WHERE p.quote_id = @quote AND p.status = @matched ORDER BY p.id
                """, connection, tx);
            matched.Parameters.AddWithValue("quote", quote.Id);
            matched.Parameters.AddWithValue("matched", Payments.Wire(PaymentStatus.Matched));
            await using var reader = await matched.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                earlier.Add(Read(reader));
            }
        }
        var decision = decide(payment, quote, earlier);
        if (decision.Wait is { } wait)
        {
            await using var later = new NpgsqlCommand(
                "UPDATE payments SET note = @note, next_attempt_at = now() + @wait, updated_at = now() WHERE id = @id", connection, tx);
            later.Parameters.AddWithValue("note", decision.Note);
            later.Parameters.AddWithValue("wait", wait);
            later.Parameters.AddWithValue("id", payment.Id);
            await later.ExecuteNonQueryAsync(ct);
        }
        else
        {
            await StateChange.MoveAsync(connection, tx, Payments, [PaymentStatus.Final],
                decision.Credit is null ? PaymentStatus.Unmatched : PaymentStatus.Matched, $"id = {payment.Id}",
                $"outcome = {decision.Outcome}, note = {decision.Note}",
                new TransitionStep(Matcher, $"{decision.Outcome}: {decision.Note}", payment.Chain, payment.TxHash), ct);
            if (decision.Credit is { } credit)
            {
                if (quote is null)
                {
                    throw new InvalidOperationException($"payment {payment.Id}: a credit needs a quote");
                }
                await using var insert = new NpgsqlCommand("""
                    INSERT INTO credits (payment_id, quote_id, beneficiary, stos_wei, quoted_noz, rule)
                    VALUES (@payment, @quote, @beneficiary, @stos, @noz, @rule)
                    """, connection, tx);
                insert.Parameters.AddWithValue("payment", payment.Id);
                insert.Parameters.AddWithValue("quote", quote.Id);
                insert.Parameters.AddWithValue("beneficiary", quote.Beneficiary);
                insert.Parameters.Add(new NpgsqlParameter("stos", NpgsqlDbType.Numeric) { Value = credit.StosWei });
                insert.Parameters.Add(new NpgsqlParameter("noz", NpgsqlDbType.Numeric) { Value = (object?)credit.QuotedNoz ?? DBNull.Value });
                insert.Parameters.AddWithValue("rule", NpgsqlDbType.Jsonb, credit.RuleJson);
                await insert.ExecuteNonQueryAsync(ct);
            }
        }
        return (payment, quote, decision);
    }

    /// <summary>The payments naming a quote, oldest first.</summary>
    public async Task<IReadOnlyList<PaymentRow>> ForQuoteAsync(string quoteId, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand($"SELECT {Columns} FROM payments p WHERE p.quote_id = $1 ORDER BY p.id");
        cmd.Parameters.AddWithValue(quoteId.ToLowerInvariant());
        return await ReadAllAsync(cmd, ct);
    }

    /// <summary>
    /// The transactions already recorded as payments on <paramref name="chain"/> for each of the quotes (quotes with none
    /// are absent), in one query (index <c>payments_by_quote</c>). A watcher uses it not to read those again.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> TxHashesByQuoteAsync(string chain,
        IReadOnlyCollection<string> quoteIds, CancellationToken ct = default)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (quoteIds.Count == 0)
        {
            return result;
        }
        await using var cmd = database.CreateCommand("""
            SELECT quote_id, array_agg(tx_hash ORDER BY id) FROM payments WHERE quote_id = ANY($1) AND chain = $2 GROUP BY quote_id
            """);
        cmd.Parameters.AddWithValue(quoteIds.Select(q => q.ToLowerInvariant()).ToArray());
        cmd.Parameters.AddWithValue(chain);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result[reader.GetString(0)] = reader.GetFieldValue<string[]>(1);
        }
        return result;
    }

    /// <summary>Payments in a status (e.g. <c>unmatched</c>, for operators), newest first, before <paramref name="beforeId"/> when given.</summary>
    public async Task<IReadOnlyList<PaymentRow>> InStatusAsync(string status, int limit, long? beforeId, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand($"""
            SELECT {Columns} FROM payments p WHERE p.status = $1 AND ($2::bigint IS NULL OR p.id < $2) ORDER BY p.id DESC LIMIT $3
            """);
        cmd.Parameters.AddWithValue(status);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Bigint, (object?)beforeId ?? DBNull.Value);
        cmd.Parameters.AddWithValue(limit);
        return await ReadAllAsync(cmd, ct);
    }

    private static async Task<IReadOnlyList<PaymentRow>> ReadAllAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var result = new List<PaymentRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result.Add(Read(reader));
        }
        return result;
    }

    private static async Task<PaymentRow?> ReadOneAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    private static PaymentRow Read(NpgsqlDataReader r) => new(
        r.GetInt64(0),
        r.GetString(1),
        r.GetString(2),
        r.GetString(3),
        r.GetString(4),
        r.IsDBNull(5) ? null : r.GetString(5),
        r.GetString(6),
        r.GetFieldValue<BigInteger>(7),
        r.IsDBNull(8) ? null : r.GetInt64(8),
        r.GetFieldValue<DateTimeOffset>(9),
        r.GetString(10),
        r.IsDBNull(11) ? null : r.GetFieldValue<DateTimeOffset>(11),
        r.IsDBNull(12) ? null : r.GetString(12),
        r.IsDBNull(13) ? null : r.GetString(13),
        r.GetFieldValue<DateTimeOffset>(14));
}
