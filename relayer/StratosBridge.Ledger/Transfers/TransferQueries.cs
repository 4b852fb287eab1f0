using System.Numerics;
using Npgsql;
using StratosBridge.Core.Transfers;
using StratosBridge.Ledger.States;

namespace StratosBridge.Ledger.Transfers;

/// <summary>
/// The read side of transfers, for the API: by source transaction, by wallet and by status. Each answer is one query for the
/// transfers (joined with their source event and destination transaction) and one for all their timelines.
/// </summary>
public sealed class TransferQueries(NpgsqlDataSource database)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>Every transfer opened from a transaction on <paramref name="chain"/>, in the order they were opened.</summary>
    /// <param name="txHash">0x + 64 hex digits, lower case (as the ledger stores it).</param>
    public async Task<IReadOnlyList<TransferDetail>> BySourceAsync(string chain, string txHash, CancellationToken ct = default)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(SelectDetail + """
             WHERE s.chain = @chain AND s.tx_hash = @tx
             ORDER BY t.id
            """, connection);
        cmd.Parameters.AddWithValue("chain", chain);
        cmd.Parameters.AddWithValue("tx", txHash);
        return await ReadDetailsAsync(connection, cmd, ct);
    }

    /// <summary>One transfer by its id (operators act on ids), or null.</summary>
    public async Task<TransferDetail?> ByIdAsync(long id, CancellationToken ct = default)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(SelectDetail + """
             WHERE t.id = @id
            """, connection);
        cmd.Parameters.AddWithValue("id", id);
        return (await ReadDetailsAsync(connection, cmd, ct)).SingleOrDefault();
    }

    /// <summary>
    /// The transfers in which <paramref name="wallet"/> is the recipient or the sender, newest first, <paramref name="limit"/>
    /// at a time, starting below the transfer id <paramref name="before"/> (the previous page's cursor).
    /// </summary>
    /// <param name="wallet">0x + 40 hex digits, lower case (as the ledger stores it).</param>
    public async Task<TransferPage> ByWalletAsync(string wallet, int limit, long? before, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxPageSize);
        await using var connection = await database.OpenConnectionAsync(ct);
        // Each side walks its own index and stops after limit + 1 rows; the extra row only says whether a next page exists.
        await using var cmd = new NpgsqlCommand("""
            WITH page AS (
                (SELECT id FROM transfers WHERE recipient = @wallet AND id < @before ORDER BY id DESC LIMIT @take)
                UNION
                (SELECT id FROM transfers WHERE sender = @wallet AND id < @before ORDER BY id DESC LIMIT @take)
                ORDER BY id DESC LIMIT @take)
            """ + SelectDetail + """
              JOIN page ON page.id = t.id
             ORDER BY t.id DESC
            """, connection);
        cmd.Parameters.AddWithValue("wallet", wallet);
        cmd.Parameters.AddWithValue("before", before ?? long.MaxValue);
        cmd.Parameters.AddWithValue("take", limit + 1);
        return Page(await ReadDetailsAsync(connection, cmd, ct), limit);
    }

    /// <summary>
    /// The transfers in <paramref name="status"/> (operators' queues: <c>delayed</c>, <c>failed</c>, …), newest first,
    /// <paramref name="limit"/> at a time below the transfer id <paramref name="before"/>.
    /// </summary>
    public async Task<TransferPage> ByStatusAsync(string status, int limit, long? before, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxPageSize);
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            WITH page AS (SELECT id FROM transfers WHERE status = @status AND id < @before ORDER BY id DESC LIMIT @take)
            """ + SelectDetail + """
              JOIN page ON page.id = t.id
             ORDER BY t.id DESC
            """, connection);
        cmd.Parameters.AddWithValue("status", status);
        cmd.Parameters.AddWithValue("before", before ?? long.MaxValue);
        cmd.Parameters.AddWithValue("take", limit + 1);
        return Page(await ReadDetailsAsync(connection, cmd, ct), limit);
    }

    /// <summary>A page of <paramref name="limit"/> from up to <paramref name="limit"/> + 1 rows (the extra one says a next page exists).</summary>
    private static TransferPage Page(IReadOnlyList<TransferDetail> rows, int limit) =>
        rows.Count > limit ? new TransferPage(rows.Take(limit).ToList(), rows[limit - 1].Id) : new TransferPage(rows, null);

    private const string SelectDetail = """
        SELECT t.id, t.status, t.source_chain, t.dest_chain, t.sender, t.recipient, t.amount, t.attempts, t.next_attempt_at,
               t.last_error, t.created_at, t.updated_at,
               s.chain, s.tx_hash, s.source_ref, s.block_number, s.block_hash, s.status,
               o.chain, o.tx_hash, o.status, o.block_number, t.delay_reason, t.delayed_until
          FROM transfers t
          JOIN source_events s ON s.id = t.source_event_id
          LEFT JOIN outgoing_txs o ON o.id = t.outgoing_tx_id

        """;

    private static async Task<IReadOnlyList<TransferDetail>> ReadDetailsAsync(NpgsqlConnection connection, NpgsqlCommand cmd,
        CancellationToken ct)
    {
        var transfers = new List<TransferDetail>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                var source = new TransferSource(r.GetString(12), r.GetString(13), r.GetString(14),
                    r.IsDBNull(15) ? null : r.GetInt64(15), r.IsDBNull(16) ? null : r.GetString(16), r.GetString(17));
                var destination = r.IsDBNull(18)
                    ? null
                    : new TransferDestinationTx(r.GetString(18), r.GetString(19), r.GetString(20), r.IsDBNull(21) ? null : r.GetInt64(21));
                transfers.Add(new TransferDetail(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4),
                    r.GetString(5), r.GetFieldValue<BigInteger>(6), r.GetInt32(7), r.GetFieldValue<DateTimeOffset>(8),
                    r.IsDBNull(9) ? null : r.GetString(9), r.GetFieldValue<DateTimeOffset>(10), r.GetFieldValue<DateTimeOffset>(11),
                    source, destination, [], r.IsDBNull(22) ? null : r.GetString(22),
                    r.IsDBNull(23) ? null : r.GetFieldValue<DateTimeOffset>(23)));
            }
        }
        if (transfers.Count == 0)
        {
            return transfers;
        }
        var timelines = await TimelineQueries.ReadAsync(connection, TransferStates.Machine.Subject, transfers.Select(t => t.Id).ToArray(), ct);
        return transfers.Select(t => t with { Timeline = timelines.TryGetValue(t.Id, out var steps) ? steps : [] }).ToList();
    }
}
