using Npgsql;

namespace StratosBridge.Ledger.Prices;

/// <summary>
/// The latest price readings of the cluster (table <c>price_readings</c>), written by the one polling instance and read
/// by every instance. Writes are idempotent and a value never replaces one fetched later, so two pollers for a moment (a
/// lease changing hands) cannot bring back an older answer.
/// </summary>
public sealed class PriceReadingStore(NpgsqlDataSource database)
{
    /// <summary>This process, as <c>polled_by</c> names it (host:pid).</summary>
    public static readonly string Poller = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>
    /// A good value of <paramref name="asset"/>, observed at <paramref name="observedAt"/> (which may be long ago: a stale
    /// answer), fetched at <paramref name="fetchedAt"/>: replaces a value fetched earlier and clears the error.
    /// </summary>
    public async Task RecordPriceAsync(string source, string asset, decimal price, DateTimeOffset observedAt, DateTimeOffset fetchedAt,
        CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("""
            INSERT INTO price_readings (source, asset, price, observed_at, fetched_at, polled_by) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (source, asset) DO UPDATE
               SET price = excluded.price, observed_at = excluded.observed_at, fetched_at = excluded.fetched_at, polled_by = excluded.polled_by,
                   error = NULL, error_at = NULL
             WHERE price_readings.fetched_at IS NULL OR price_readings.fetched_at <= excluded.fetched_at
            """);
        cmd.Parameters.AddWithValue(source);
        cmd.Parameters.AddWithValue(asset);
        cmd.Parameters.AddWithValue(price);
        cmd.Parameters.AddWithValue(observedAt);
        cmd.Parameters.AddWithValue(fetchedAt);
        cmd.Parameters.AddWithValue(Poller);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A failure for each of <paramref name="assets"/>: the last good value stays, the error is recorded.</summary>
    public async Task RecordErrorAsync(string source, IReadOnlyList<string> assets, string error, DateTimeOffset at, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("""
            INSERT INTO price_readings (source, asset, error, error_at, polled_by) SELECT $1, a, $3, $4, $5 FROM unnest($2::text[]) AS a
            ON CONFLICT (source, asset) DO UPDATE SET error = excluded.error, error_at = excluded.error_at, polled_by = excluded.polled_by
            """);
        cmd.Parameters.AddWithValue(source);
        cmd.Parameters.AddWithValue(assets.ToArray());
        cmd.Parameters.AddWithValue(error);
        cmd.Parameters.AddWithValue(at);
        cmd.Parameters.AddWithValue(Poller);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<IReadOnlyList<PriceReadingRow>> AllAsync(CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("SELECT source, asset, price, observed_at, error, error_at FROM price_readings");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<PriceReadingRow>();
        while (await r.ReadAsync(ct))
        {
            rows.Add(new PriceReadingRow(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetDecimal(2),
                r.IsDBNull(3) ? null : r.GetFieldValue<DateTimeOffset>(3), r.IsDBNull(4) ? null : r.GetString(4),
                r.IsDBNull(5) ? null : r.GetFieldValue<DateTimeOffset>(5)));
        }
        return rows;
    }
}
