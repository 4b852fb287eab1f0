using System.Numerics;
using Npgsql;

namespace StratosBridge.Ledger.Fiat;

/// <summary>One line of a business account's statement, with the running balances after it.</summary>
public sealed record StatementLine(DateTimeOffset At, string Kind, string Reference, string Description, long UsdCents, BigInteger Noz,
    string? StratosTx, long BalanceUsdCents, BigInteger BalanceNoz);

/// <summary>A statement for [From, To): the balances before it, its lines, and the balances after.</summary>
public sealed record Statement(long AccountId, DateTimeOffset From, DateTimeOffset To, long OpeningUsdCents, BigInteger OpeningNoz,
    IReadOnlyList<StatementLine> Lines, long ClosingUsdCents, BigInteger ClosingNoz);

/// <summary>
/// Business account statements, from the ledger as it is: card payments (+USD), credits (+noz, with the Stratos tx hash),
/// refunds and disputes (−USD), disputes won (+USD), reversals (−noz: the Ozone delivered for money that went back, the
/// checkout credit's share) and reinstatements (+noz), and operators' hold releases. The USD balance is the money the
/// account has paid and kept; the noz balance is the Ozone it has received and paid for.
/// </summary>
public sealed class StatementQueries(NpgsqlDataSource database)
{
    private const string Lines = """
        SELECT s.fulfilled_at AS at, 'payment' AS kind, s.stripe_session_id AS ref,
               'card payment, quote ' || s.quote_id AS description, s.amount_cents AS usd, 0::numeric AS noz, NULL::text AS tx
          FROM checkout_sessions s WHERE s.account_id = @account AND s.payment_id IS NOT NULL -- paid (reversed after: refunded before delivery)
        UNION ALL
        SELECT c.completed_at, 'credit', s.stripe_session_id,
               'Ozone credited to 0x' || substr(c.beneficiary, 3) || ' (MsgPrepay of ' || c.stos_wei || ' STOS wei)',
               0, coalesce(c.purchased_noz, c.quoted_noz, 0), c.tx_hash
          FROM checkout_sessions s JOIN credits c ON c.payment_id = s.payment_id
         WHERE s.account_id = @account AND c.status = 'completed'
        UNION ALL
        SELECT r.occurred_at, r.kind, r.stripe_ref,
               CASE r.kind WHEN 'refund' THEN 'refund on charge ' || r.charge_id
                           WHEN 'dispute' THEN 'dispute opened: the funds are withdrawn'
                           ELSE 'dispute won: the funds are returned' END,
               CASE r.kind WHEN 'dispute-won' THEN r.amount_cents ELSE -r.amount_cents END, 0, NULL
          FROM card_reversals r JOIN checkout_sessions s ON s.payment_intent = r.payment_intent
         WHERE s.account_id = @account
        UNION ALL
        SELECT e.created_at, e.kind, coalesce(s.stripe_session_id, ''), e.note, 0,
               CASE e.kind WHEN 'reversal' THEN -1 WHEN 'reinstated' THEN 1 ELSE 0 END
                 * coalesce(floor(coalesce(c.purchased_noz, c.quoted_noz, q.noz) * e.cents / s.amount_cents), 0),
               NULL
          FROM account_entries e
          LEFT JOIN checkout_sessions s ON s.id = e.checkout_id
          LEFT JOIN credits c ON c.payment_id = s.payment_id
          LEFT JOIN quotes q ON q.id = s.quote_id
         WHERE e.account_id = @account
        """;

    /// <summary>The account's statement for [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public async Task<Statement> ForAccountAsync(long accountId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        long openingUsd;
        BigInteger openingNoz;
        await using (var opening = new NpgsqlCommand($"""
            SELECT coalesce(sum(usd), 0)::bigint, coalesce(sum(noz), 0) FROM ({Lines}) l WHERE l.at < @from
            """, connection, tx))
        {
            opening.Parameters.AddWithValue("account", accountId);
            opening.Parameters.AddWithValue("from", from);
            await using var reader = await opening.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            (openingUsd, openingNoz) = (reader.GetInt64(0), reader.GetFieldValue<BigInteger>(1));
        }
        var lines = new List<StatementLine>();
        var (usdBalance, nozBalance) = (openingUsd, openingNoz);
        await using (var cmd = new NpgsqlCommand($"""
            SELECT at, kind, ref, description, usd, noz, tx FROM ({Lines}) l WHERE l.at >= @from AND l.at < @to ORDER BY at, kind
            """, connection, tx))
        {
            cmd.Parameters.AddWithValue("account", accountId);
            cmd.Parameters.AddWithValue("from", from);
            cmd.Parameters.AddWithValue("to", to);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var usd = reader.GetInt64(4);
                var noz = reader.GetFieldValue<BigInteger>(5);
                usdBalance += usd;
                nozBalance += noz;
                lines.Add(new StatementLine(reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1), reader.GetString(2),
                    reader.GetString(3), usd, noz, reader.IsDBNull(6) ? null : reader.GetString(6), usdBalance, nozBalance));
            }
        }
        await tx.CommitAsync(ct);
        return new Statement(accountId, from, to, openingUsd, openingNoz, lines, usdBalance, nozBalance);
    }
}
