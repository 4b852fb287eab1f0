using Npgsql;

namespace StratosBridge.Bench;

/// <summary>What <c>ops/bench migration</c> reads from the service's ledger: progress, and the figures once every transfer is done.</summary>
public sealed class MigrationLedger(string connectionString, string sourceChain, string destChain)
{
    /// <summary>Transfers from the source chain by status.</summary>
    public Task<IReadOnlyDictionary<string, long>> StatusCountsAsync(CancellationToken ct) =>
        CountsAsync("SELECT status, count(*) FROM transfers WHERE source_chain = @chain GROUP BY status", sourceChain, ct);

    /// <summary>The last error of one failed transfer, for the report.</summary>
    public async Task<string?> AnyFailureAsync(CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(
            "SELECT id || ': ' || coalesce(last_error, '(no reason)') FROM transfers WHERE source_chain = @source AND status = 'failed' LIMIT 1", conn);
        cmd.Parameters.AddWithValue("source", sourceChain);
        return (string?)await cmd.ExecuteScalarAsync(ct);
    }

    /// <summary>
    /// Per completed transfer, the time from its <c>finalized</c> timeline row (the source block became final and the
    /// watcher recorded it) to its <c>completed</c> row (the relay worker recorded the destination receipt); and the
    /// first and last finality and the last receipt of all of them.
    /// </summary>
    public async Task<RelayTimings> TimingsAsync(CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            SELECT min(l.at) FILTER (WHERE l.status = 'finalized'), min(l.at) FILTER (WHERE l.status = 'completed')
              FROM transfers t JOIN timeline l ON l.subject = 'transfer' AND l.subject_id = t.id
             WHERE t.source_chain = @source AND t.status = 'completed'
             GROUP BY t.id
            """, conn);
        cmd.Parameters.AddWithValue("source", sourceChain);
        var latencies = new List<TimeSpan>();
        var firstFinal = DateTimeOffset.MaxValue;
        var lastFinal = DateTimeOffset.MinValue;
        var lastReceipt = DateTimeOffset.MinValue;
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var finalized = reader.GetFieldValue<DateTimeOffset>(0);
            var completed = reader.GetFieldValue<DateTimeOffset>(1);
            latencies.Add(completed - finalized);
            firstFinal = finalized < firstFinal ? finalized : firstFinal;
            lastFinal = finalized > lastFinal ? finalized : lastFinal;
            lastReceipt = completed > lastReceipt ? completed : lastReceipt;
        }
        latencies.Sort();
        return new RelayTimings(latencies, firstFinal, lastFinal, lastReceipt);
    }

    /// <summary>
    /// The attesters' side of each completed transfer: from its <c>finalized</c> timeline row to its first signature and to
    /// its <paramref name="threshold"/>-th (when the relayer could submit it), and the signatures it got in all.
    /// </summary>
    public async Task<AttestationTimings> AttestationTimingsAsync(int threshold, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            SELECT (SELECT min(l.at) FROM timeline l WHERE l.subject = 'transfer' AND l.subject_id = t.id AND l.status = 'finalized'),
                   array_agg(a.signed_at ORDER BY a.signed_at)
              FROM transfers t JOIN attestations a ON a.transfer_id = t.id AND a.kind = 'release'
             WHERE t.source_chain = @source AND t.status = 'completed'
             GROUP BY t.id
            """, conn);
        cmd.Parameters.AddWithValue("source", sourceChain);
        var first = new List<TimeSpan>();
        var enough = new List<TimeSpan>();
        var signatures = 0L;
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var finalized = reader.GetFieldValue<DateTimeOffset>(0);
            var signed = reader.GetFieldValue<DateTimeOffset[]>(1);
            signatures += signed.Length;
            first.Add(signed[0] - finalized);
            if (signed.Length >= threshold)
            {
                enough.Add(signed[threshold - 1] - finalized);
            }
        }
        first.Sort();
        enough.Sort();
        return new AttestationTimings(first, enough, first.Count == 0 ? 0 : (double)signatures / first.Count);
    }

    /// <summary>Destination transactions the relay signed, by status (<c>mined</c>, and any replaced or reverted).</summary>
    public Task<IReadOnlyDictionary<string, long>> DestinationTransactionsAsync(CancellationToken ct) =>
        CountsAsync("SELECT status, count(*) FROM outgoing_txs WHERE chain = @chain GROUP BY status", destChain, ct);

    /// <summary>
    /// Reconciliation during the run: how many times its recurring job fired (claimed firings), how long each run took (p50 and
    /// max of Hangfire's <c>PerformanceDuration</c> of the succeeded jobs, ms), how many checks it keeps and how many are not
    /// ok, and the pauses it put in place (a breach would have held the transfers).
    /// </summary>
    public async Task<ReconciliationRuns> ReconciliationAsync(CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            WITH took AS (SELECT (s.data::jsonb ->> 'PerformanceDuration')::numeric AS ms
                            FROM job_firings f JOIN hangfire.state s ON s.jobid = f.hangfire_job::bigint AND s.name = 'Succeeded'
                           WHERE f.job = 'reconciliation')
            SELECT (SELECT count(*) FROM job_firings WHERE job = 'reconciliation'),
                   (SELECT coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms), 0)::float8 FROM took),
                   (SELECT coalesce(max(ms), 0)::float8 FROM took),
                   (SELECT count(*) FROM reconciliation_checks), (SELECT count(*) FROM reconciliation_checks WHERE NOT ok),
                   (SELECT count(*) FROM pauses WHERE origin = 'reconciliation')
            """, conn);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new ReconciliationRuns(reader.GetInt64(0), TimeSpan.FromMilliseconds(reader.GetDouble(1)), TimeSpan.FromMilliseconds(reader.GetDouble(2)),
            reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
    }

    private async Task<IReadOnlyDictionary<string, long>> CountsAsync(string sql, string chain, CancellationToken ct)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var conn = await OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddWithValue("chain", chain);
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
