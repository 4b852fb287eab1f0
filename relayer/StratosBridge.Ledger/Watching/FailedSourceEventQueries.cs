using Npgsql;

namespace StratosBridge.Ledger.Watching;

/// <summary>The read side of failed source events (logs of watched contracts that did not decode), for the API.</summary>
public sealed class FailedSourceEventQueries(NpgsqlDataSource database)
{
    private const string Select = """
        SELECT id, chain, tx_hash, source_ref, kind, block_number, block_hash, payload::text, failure, observed_at
          FROM source_events
        """;

    /// <summary>The failed events of one transaction on <paramref name="chain"/>, in log order.</summary>
    /// <param name="txHash">0x + 64 hex digits, lower case (as the ledger stores it).</param>
    public async Task<IReadOnlyList<FailedSourceEvent>> BySourceAsync(string chain, string txHash, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand(Select + """
             WHERE chain = $1 AND tx_hash = $2 AND status = 'failed'
             ORDER BY id
            """);
        cmd.Parameters.AddWithValue(chain);
        cmd.Parameters.AddWithValue(txHash);
        return await ReadAsync(cmd, ct);
    }

    /// <summary>How many events failed, and the latest of them (null when none did).</summary>
    public async Task<(long Count, FailedSourceEvent? Latest)> SummaryAsync(CancellationToken ct = default)
    {
        await using var count = database.CreateCommand("SELECT count(*) FROM source_events WHERE status = 'failed'");
        var total = (long)(await count.ExecuteScalarAsync(ct))!;
        return (total, total == 0 ? null : (await LatestAsync(1, null, ct)).SingleOrDefault());
    }

    /// <summary>The failed events, newest first, <paramref name="limit"/> at a time, below the id <paramref name="before"/>.</summary>
    public async Task<IReadOnlyList<FailedSourceEvent>> LatestAsync(int limit, long? before, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var cmd = database.CreateCommand(Select + """
             WHERE status = 'failed' AND id < $1
             ORDER BY id DESC LIMIT $2
            """);
        cmd.Parameters.AddWithValue(before ?? long.MaxValue);
        cmd.Parameters.AddWithValue(limit);
        return await ReadAsync(cmd, ct);
    }

    private static async Task<IReadOnlyList<FailedSourceEvent>> ReadAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var result = new List<FailedSourceEvent>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            result.Add(new FailedSourceEvent(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4),
                r.IsDBNull(5) ? null : r.GetInt64(5), r.IsDBNull(6) ? null : r.GetString(6), r.GetString(7), r.GetString(8),
                r.GetFieldValue<DateTimeOffset>(9).ToUniversalTime()));
        }
        return result;
    }
}
