using Npgsql;

namespace StratosBridge.Ledger.States;

/// <summary>STAND-IN for the lead's foundation (issue 13 item 8): reads the timeline of some subjects, oldest first.</summary>
public sealed class TimelineQueries(NpgsqlDataSource database)
{
    public async Task<IReadOnlyList<TimelineEntry>> ForAsync(string subject, IReadOnlyCollection<long> ids, CancellationToken ct = default)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        await using var cmd = database.CreateCommand("""
            SELECT id, subject, subject_id, at, status, chain, tx_hash, actor, note FROM timeline
             WHERE subject = $1 AND subject_id = ANY($2) ORDER BY id
            """);
        cmd.Parameters.AddWithValue(subject);
        cmd.Parameters.AddWithValue(ids.ToArray());
        var result = new List<TimelineEntry>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            result.Add(new TimelineEntry(r.GetInt64(0), r.GetString(1), r.GetInt64(2), r.GetFieldValue<DateTimeOffset>(3), r.GetString(4),
                r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8)));
        }
        return result;
    }
}
