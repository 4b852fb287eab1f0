using Npgsql;

namespace StratosBridge.Ledger.Chains;

/// <summary>Reads <see cref="ChainProgress"/> for a set of chains in one query.</summary>
public sealed class ChainProgressQueries(NpgsqlDataSource database)
{
    /// <returns>One entry per name in <paramref name="chains"/>, in that order; a chain nobody watched yet has nulls.</returns>
    public async Task<IReadOnlyList<ChainProgress>> ReadAsync(IEnumerable<string> chains, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("""
            SELECT c.chain, h.head, h.finalized,
                   (SELECT max(k.block_number) FROM chain_checkpoints k WHERE k.chain = c.chain),
                   h.watcher_instance, h.seen_at
              FROM unnest(@chains) WITH ORDINALITY AS c (chain, position)
              LEFT JOIN chain_heads h ON h.chain = c.chain
             ORDER BY c.position
            """);
        cmd.Parameters.AddWithValue("chains", chains.ToArray());
        var progress = new List<ChainProgress>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            progress.Add(new ChainProgress(r.GetString(0), r.IsDBNull(1) ? null : r.GetInt64(1), r.IsDBNull(2) ? null : r.GetInt64(2),
                r.IsDBNull(3) ? null : r.GetInt64(3), r.IsDBNull(4) ? null : r.GetString(4),
                r.IsDBNull(5) ? null : r.GetFieldValue<DateTimeOffset>(5)));
        }
        return progress;
    }
}
