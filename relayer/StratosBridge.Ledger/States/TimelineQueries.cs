using Npgsql;

namespace StratosBridge.Ledger.States;

/// <summary>The read side of the timeline: the history of rows of one concept, for the API.</summary>
public sealed class TimelineQueries(NpgsqlDataSource database)
{
    /// <summary>The timelines of <paramref name="ids"/> of <paramref name="subject"/> (e.g. <c>credit</c>), oldest step first.</summary>
    public async Task<IReadOnlyDictionary<long, IReadOnlyList<TimelineRow>>> ForAsync(string subject, IReadOnlyCollection<long> ids,
        CancellationToken ct = default)
    {
        if (ids.Count == 0)
        {
            return new Dictionary<long, IReadOnlyList<TimelineRow>>();
        }
        await using var connection = await database.OpenConnectionAsync(ct);
        return await ReadAsync(connection, subject, ids, ct);
    }

    internal static async Task<IReadOnlyDictionary<long, IReadOnlyList<TimelineRow>>> ReadAsync(NpgsqlConnection connection, string subject,
        IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT id, subject, subject_id, at, status, chain, tx_hash, actor, note
              FROM timeline
             WHERE subject = @subject AND subject_id = ANY(@ids)
             ORDER BY subject_id, id
            """, connection);
        cmd.Parameters.AddWithValue("subject", subject);
        cmd.Parameters.AddWithValue("ids", ids.ToArray());
        var timelines = new Dictionary<long, List<TimelineRow>>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var step = new TimelineRow(r.GetInt64(0), r.GetString(1), r.GetInt64(2), r.GetFieldValue<DateTimeOffset>(3), r.GetString(4),
                r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8));
            if (!timelines.TryGetValue(step.SubjectId, out var steps))
            {
                timelines[step.SubjectId] = steps = [];
            }
            steps.Add(step);
        }
        return timelines.ToDictionary(p => p.Key, p => (IReadOnlyList<TimelineRow>)p.Value);
    }
}
