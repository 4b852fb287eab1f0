using Npgsql;

namespace StratosBridge.Ledger.Metrics;

/// <summary>
/// The ledger's numbers that the metrics show as gauges, read in one round trip: transfers by route and state, credits by
/// state, unmatched payments by chain, each signer's next ledger nonce, and the USD each source chain signed within the
/// governor's window.
/// </summary>
public sealed class LedgerMetricsQueries(NpgsqlDataSource database)
{
    public async Task<LedgerMetricsSnapshot> ReadAsync(TimeSpan governorWindow, CancellationToken ct = default)
    {
        await using var batch = database.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT source_chain, dest_chain, status, count(*) FROM transfers GROUP BY 1, 2, 3"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT status, count(*) FROM credits GROUP BY 1"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT chain, count(*) FROM payments WHERE status = 'unmatched' GROUP BY 1"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT chain, signer, next_nonce FROM signer_nonces"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            SELECT source_chain, sum(governed_usd) FROM transfers WHERE governed_at > now() - $1 GROUP BY 1
            """) { Parameters = { new NpgsqlParameter { Value = governorWindow } } });
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var transfers = new List<(string, string, string, long)>();
        while (await reader.ReadAsync(ct))
        {
            transfers.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3)));
        }
        await reader.NextResultAsync(ct);
        var credits = new List<(string, long)>();
        while (await reader.ReadAsync(ct))
        {
            credits.Add((reader.GetString(0), reader.GetInt64(1)));
        }
        await reader.NextResultAsync(ct);
        var unmatched = new List<(string, long)>();
        while (await reader.ReadAsync(ct))
        {
            unmatched.Add((reader.GetString(0), reader.GetInt64(1)));
        }
        await reader.NextResultAsync(ct);
        var nonces = new List<(string, string, long)>();
        while (await reader.ReadAsync(ct))
        {
            nonces.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        }
        await reader.NextResultAsync(ct);
        var governed = new List<(string, decimal)>();
        while (await reader.ReadAsync(ct))
        {
            governed.Add((reader.GetString(0), reader.GetDecimal(1)));
        }
        return new LedgerMetricsSnapshot(transfers, credits, unmatched, nonces, governed);
    }
}
