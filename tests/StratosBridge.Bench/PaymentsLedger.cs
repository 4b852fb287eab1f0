using System.Globalization;
using System.Numerics;
using Npgsql;

namespace StratosBridge.Bench;

/// <summary>What <c>ops/bench payments</c> reads from the service's ledger: progress, and the figures once every quote is credited.</summary>
public sealed class PaymentsLedger(string connectionString, string stratosChain)
{
    /// <summary>Payments by status, and credits by status (<c>completed+noz</c>: completed with the purchased noz read).</summary>
    public async Task<(IReadOnlyDictionary<string, long> Payments, IReadOnlyDictionary<string, long> Credits)> StatusCountsAsync(CancellationToken ct)
    {
        var payments = await CountsAsync("SELECT status, count(*) FROM payments GROUP BY status", ct);
        var credits = await CountsAsync("""
            SELECT status, count(*) FROM credits GROUP BY status
            UNION ALL SELECT 'completed+noz', count(*) FROM credits WHERE status = 'completed' AND purchased_noz IS NOT NULL
            """, ct);
        return (payments, credits);
    }

    /// <summary>Why one payment or credit went wrong (unmatched, orphaned, failed), for the report; null when none did.</summary>
    public async Task<string?> AnyFailureAsync(CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            SELECT 'payment ' || tx_hash || ' ' || status || ': ' || coalesce(outcome, '') || ' ' || coalesce(note, '')
              FROM payments WHERE status IN ('unmatched', 'orphaned')
            UNION ALL
            SELECT 'credit ' || id || ' failed: ' || coalesce(last_error, '(no reason)') FROM credits WHERE status = 'failed'
            LIMIT 1
            """, conn);
        return (string?)await cmd.ExecuteScalarAsync(ct);
    }

    /// <summary>Per completed credit, its stage times (see <see cref="PaymentTimings"/>).</summary>
    public async Task<PaymentTimings> TimingsAsync(CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            SELECT p.final_at, c.created_at, o.created_at, c.completed_at
              FROM credits c JOIN payments p ON p.id = c.payment_id JOIN outgoing_txs o ON o.id = c.outgoing_tx_id
             WHERE c.status = 'completed'
            """, conn);
        List<TimeSpan> total = [], matching = [], waiting = [], inclusion = [];
        var firstFinal = DateTimeOffset.MaxValue;
        var lastFinal = DateTimeOffset.MinValue;
        var lastReceipt = DateTimeOffset.MinValue;
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var final = reader.GetFieldValue<DateTimeOffset>(0);
            var matched = reader.GetFieldValue<DateTimeOffset>(1);
            var signed = reader.GetFieldValue<DateTimeOffset>(2);
            var completed = reader.GetFieldValue<DateTimeOffset>(3);
            total.Add(completed - final);
            matching.Add(matched - final);
            waiting.Add(signed - matched);
            inclusion.Add(completed - signed);
            firstFinal = final < firstFinal ? final : firstFinal;
            lastFinal = final > lastFinal ? final : lastFinal;
            lastReceipt = completed > lastReceipt ? completed : lastReceipt;
        }
        total.Sort();
        matching.Sort();
        waiting.Sort();
        inclusion.Sort();
        return new PaymentTimings(total, matching, waiting, inclusion, firstFinal, lastFinal, lastReceipt);
    }

    /// <summary>Per quote, its payments and credits (see <see cref="CreditRecord"/>).</summary>
    public async Task<IReadOnlyDictionary<string, CreditRecord>> CreditsByQuoteAsync(CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            SELECT q.id,
                   count(DISTINCT p.id)::int,
                   count(DISTINCT p.id) FILTER (WHERE p.status = 'matched' AND p.outcome = 'paid')::int,
                   count(c.id)::int,
                   count(c.id) FILTER (WHERE c.status = 'completed')::int,
                   max(c.beneficiary) FILTER (WHERE c.status = 'completed'),
                   max(c.tx_hash) FILTER (WHERE c.status = 'completed'),
                   max(c.purchased_noz::text) FILTER (WHERE c.status = 'completed')
              FROM quotes q LEFT JOIN payments p ON p.quote_id = q.id LEFT JOIN credits c ON c.payment_id = p.id
             GROUP BY q.id
            """, conn);
        var records = new Dictionary<string, CreditRecord>(StringComparer.OrdinalIgnoreCase);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            var record = new CreditRecord(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4),
                Text(5), Text(6), Text(7) is { } noz ? BigInteger.Parse(noz, CultureInfo.InvariantCulture) : null);
            records[record.QuoteId] = record;
        }
        return records;
    }

    /// <summary>
    /// The prepay transactions the credit worker signed on Stratos, by status (<c>mined</c>, and any replaced or reverted),
    /// the blocks the mined ones landed in, and the most in one block.
    /// </summary>
    public async Task<(IReadOnlyDictionary<string, long> ByStatus, long Blocks, long MostInOneBlock)> PrepayTransactionsAsync(CancellationToken ct)
    {
        var byStatus = await CountsAsync(
            "SELECT status, count(*) FROM outgoing_txs WHERE chain = @chain AND purpose = 'prepay' GROUP BY status", ct);
        await using var conn = await OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            SELECT count(*), coalesce(max(n), 0) FROM (
                SELECT block_number, count(*) AS n FROM outgoing_txs
                 WHERE chain = @chain AND purpose = 'prepay' AND status = 'mined' GROUP BY block_number) b
            """, conn);
        cmd.Parameters.AddWithValue("chain", stratosChain);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (byStatus, reader.GetInt64(0), reader.GetInt64(1));
    }

    private async Task<IReadOnlyDictionary<string, long>> CountsAsync(string sql, CancellationToken ct)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var conn = await OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, conn);
        if (sql.Contains("@chain", StringComparison.Ordinal))
        {
            cmd.Parameters.AddWithValue("chain", stratosChain);
        }
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }
        return counts;
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        return conn;
    }
}
