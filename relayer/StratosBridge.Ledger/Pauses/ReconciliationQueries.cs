using System.Numerics;
using Npgsql;

namespace StratosBridge.Ledger.Pauses;

/// <summary>The ledger's side of reconciliation: sums in base units, each read in one statement (one snapshot).</summary>
public sealed class ReconciliationQueries(NpgsqlDataSource database)
{
    /// <summary>The highest block of <paramref name="chain"/> its watcher has recorded (every lock at or below it is in the ledger), or null.</summary>
    public async Task<long?> CheckpointAsync(string chain, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("SELECT max(block_number) FROM chain_checkpoints WHERE chain = $1");
        cmd.Parameters.AddWithValue(chain);
        return await cmd.ExecuteScalarAsync(ct) is long block ? block : null;
    }

    /// <summary>
    /// The amounts of the route's transfers by status (orphaned ones left out: their lock is not on the canonical chain),
    /// counting only locks at or below <paramref name="throughBlock"/>, and each <c>submitted</c> transfer's release id and
    /// amount (in flight: the caller asks the vault whether it is released already). One statement: one snapshot.
    /// </summary>
    public async Task<(IReadOnlyDictionary<string, BigInteger> ByStatus, IReadOnlyList<(string ReleaseId, BigInteger Amount)> Submitted)>
        RouteAsync(string source, string destination, long throughBlock, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("""
            SELECT t.status, sum(t.amount), NULL FROM transfers t JOIN source_events e ON e.id = t.source_event_id
             WHERE t.source_chain = $1 AND t.dest_chain = $2 AND e.block_number <= $3 AND t.status NOT IN ('orphaned', 'submitted')
             GROUP BY t.status
            UNION ALL
            SELECT t.status, t.amount, e.payload->>'releaseId' FROM transfers t JOIN source_events e ON e.id = t.source_event_id
             WHERE t.source_chain = $1 AND t.dest_chain = $2 AND e.block_number <= $3 AND t.status = 'submitted'
            """);
        cmd.Parameters.AddWithValue(source);
        cmd.Parameters.AddWithValue(destination);
        cmd.Parameters.AddWithValue(throughBlock);
        var byStatus = new Dictionary<string, BigInteger>(StringComparer.Ordinal);
        var submitted = new List<(string, BigInteger)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (reader.IsDBNull(2))
            {
                byStatus[reader.GetString(0)] = reader.GetFieldValue<BigInteger>(1);
            }
            else
            {
                submitted.Add((reader.GetString(2), reader.GetFieldValue<BigInteger>(1)));
            }
        }
        return (byStatus, submitted);
    }

    /// <summary>
    /// Per pay chain, the final payments (final, matched or unmatched) in the chain's base unit: all of them, those with a
    /// credit, the unmatched ones and those still waiting for the matcher.
    /// </summary>
    public async Task<IReadOnlyList<PaymentTotals>> PaymentTotalsAsync(CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("""
            SELECT p.chain,
                   coalesce(sum(p.amount), 0),
                   coalesce(sum(p.amount) FILTER (WHERE c.id IS NOT NULL), 0),
                   coalesce(sum(p.amount) FILTER (WHERE p.status = 'unmatched' AND c.id IS NULL), 0),
                   coalesce(sum(p.amount) FILTER (WHERE p.status = 'final' AND c.id IS NULL), 0),
                   count(*)
              FROM payments p LEFT JOIN credits c ON c.payment_id = p.id
             WHERE p.status IN ('final', 'matched', 'unmatched')
             GROUP BY p.chain ORDER BY p.chain
            """);
        var result = new List<PaymentTotals>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result.Add(new PaymentTotals(reader.GetString(0), reader.GetFieldValue<BigInteger>(1), reader.GetFieldValue<BigInteger>(2),
                reader.GetFieldValue<BigInteger>(3), reader.GetFieldValue<BigInteger>(4), reader.GetInt64(5)));
        }
        return result;
    }
}
