using Npgsql;
using NpgsqlTypes;
using StratosBridge.Core.States;
using StratosBridge.Core.Transfers;
using StratosBridge.Ledger.Payments;
using StratosBridge.Ledger.States;

namespace StratosBridge.Ledger.Watching;

/// <summary>
/// What a chain watcher writes. Each scanned range is one transaction: its events (source event + pending transfer +
/// timeline row for a lock, source event + pending payment for an <c>OzonePaid</c>, all <c>ON CONFLICT</c>-safe) and the checkpoint at the range's end commit together, so a watcher
/// killed mid-range re-scans the range and records nothing twice. A reorg rewinds the checkpoints and orphans what
/// was seen above the fork; an event seen again in a new block goes back to pending with the new block.
/// </summary>
public sealed class ChainScanStore(NpgsqlDataSource database)
{
    private static StateMachine<TransferStatus> Transfers => TransferStates.Machine;

    /// <summary>The most recent checkpoints, newest first.</summary>
    public async Task<IReadOnlyList<ChainCheckpoint>> CheckpointsAsync(string chain, int limit, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand(
            "SELECT block_number, block_hash FROM chain_checkpoints WHERE chain = $1 ORDER BY block_number DESC LIMIT $2");
        cmd.Parameters.AddWithValue(chain);
        cmd.Parameters.AddWithValue(limit);
        var result = new List<ChainCheckpoint>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result.Add(new ChainCheckpoint(reader.GetInt64(0), reader.GetString(1)));
        }
        return result;
    }

    /// <summary>
    /// Records the locks and payments of one scanned range and the checkpoint at its end, atomically. Returns how many
    /// were new.
    /// </summary>
    public async Task<int> RecordRangeAsync(string chain, IReadOnlyList<ObservedLock> locks, IReadOnlyList<ObservedPayment> payments,
        ChainCheckpoint end, string actor, CancellationToken ct = default)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var recorded = 0;
        foreach (var observed in locks)
        {
            if (await UpsertEventAsync(connection, tx, chain, observed.TxHash,
                    observed.LogIndex.ToString(System.Globalization.CultureInfo.InvariantCulture), "locked", observed.BlockNumber,
                    observed.BlockHash, observed.PayloadJson, ct) is not { } upserted)
            {
                continue; // already known in this very block, or already final
            }
            var (eventId, inserted) = upserted;
            recorded += inserted ? 1 : 0;
            var note = inserted
                ? $"lock seen in block {observed.BlockNumber}"
                : $"lock seen again in block {observed.BlockNumber} ({observed.BlockHash[..10]}…) after a reorg";
            var step = new TransitionStep(actor, note, chain, observed.TxHash);
            if (!inserted)
            {
                await StateChange.MoveAsync(connection, tx, Transfers, [TransferStatus.Pending, TransferStatus.Orphaned], TransferStatus.Pending,
                    $"source_event_id = {eventId}", null, step, ct);
                continue;
            }
            await using var transfer = new NpgsqlCommand("""
                WITH t AS (
                    INSERT INTO transfers (source_event_id, source_chain, dest_chain, sender, recipient, amount, status)
                    VALUES (@event, @chain, @dest, @sender, @recipient, @amount, @status)
                    ON CONFLICT (source_event_id) DO NOTHING RETURNING id)
                INSERT INTO timeline (subject, subject_id, status, chain, tx_hash, actor, note)
                SELECT @subject, id, @status, @chain, @tx, @actor, @note FROM t
                """, connection, tx);
            transfer.Parameters.AddWithValue("event", eventId);
            transfer.Parameters.AddWithValue("chain", chain);
            transfer.Parameters.AddWithValue("dest", observed.DestChain);
            transfer.Parameters.AddWithValue("sender", observed.Sender);
            transfer.Parameters.AddWithValue("recipient", observed.Recipient);
            transfer.Parameters.Add(new NpgsqlParameter("amount", NpgsqlDbType.Numeric) { Value = observed.Amount });
            transfer.Parameters.AddWithValue("status", Transfers.Wire(TransferStatus.Pending));
            transfer.Parameters.AddWithValue("subject", Transfers.Subject);
            transfer.Parameters.AddWithValue("tx", observed.TxHash);
            transfer.Parameters.AddWithValue("actor", actor);
            transfer.Parameters.AddWithValue("note", note);
            await transfer.ExecuteNonQueryAsync(ct);
        }
        foreach (var payment in payments)
        {
            if (await UpsertEventAsync(connection, tx, chain, payment.TxHash, payment.SourceRef, payment.Kind, payment.BlockNumber,
                    payment.BlockHash, payment.PayloadJson, ct) is not { } upserted)
            {
                continue;
            }
            var (eventId, inserted) = upserted;
            recorded += inserted ? 1 : 0;
            await PaymentStore.InsertOrReviveAsync(connection, tx, eventId, chain, payment, "pending",
                inserted ? $"seen in block {payment.BlockNumber}" : $"seen again in block {payment.BlockNumber} after a reorg", ct);
        }
        await using (var checkpoint = new NpgsqlCommand("""
            INSERT INTO chain_checkpoints (chain, block_number, block_hash) VALUES (@chain, @block, @hash)
            ON CONFLICT (chain, block_number) DO UPDATE SET block_hash = EXCLUDED.block_hash, recorded_at = now()
            """, connection, tx))
        {
            checkpoint.Parameters.AddWithValue("chain", chain);
            checkpoint.Parameters.AddWithValue("block", end.BlockNumber);
            checkpoint.Parameters.AddWithValue("hash", end.BlockHash);
            await checkpoint.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return recorded;
    }

    /// <summary>
    /// Inserts a source event, or moves a known, not-yet-final one to a new block (seen again after a reorg). Returns
    /// null when nothing changed (known in this very block, or already final).
    /// </summary>
    internal static async Task<(long EventId, bool Inserted)?> UpsertEventAsync(NpgsqlConnection connection, NpgsqlTransaction tx,
        string chain, string txHash, string sourceRef, string kind, long? blockNumber, string? blockHash, string payloadJson,
        CancellationToken ct, string status = "pending")
    {
        await using var upsert = new NpgsqlCommand("""
            INSERT INTO source_events (chain, tx_hash, source_ref, kind, block_number, block_hash, payload, status)
            VALUES (@chain, @tx, @ref, @kind, @block, @hash, @payload, @status)
            ON CONFLICT (chain, tx_hash, source_ref) DO UPDATE
               SET block_number = EXCLUDED.block_number, block_hash = EXCLUDED.block_hash, payload = EXCLUDED.payload,
                   status = 'pending', updated_at = now()
             WHERE source_events.status <> 'finalized' AND source_events.block_hash IS DISTINCT FROM EXCLUDED.block_hash
            RETURNING id, (xmax = 0) AS inserted
            """, connection, tx);
        upsert.Parameters.AddWithValue("chain", chain);
        upsert.Parameters.AddWithValue("tx", txHash);
        upsert.Parameters.AddWithValue("ref", sourceRef);
        upsert.Parameters.AddWithValue("kind", kind);
        upsert.Parameters.AddWithValue("block", NpgsqlDbType.Bigint, (object?)blockNumber ?? DBNull.Value);
        upsert.Parameters.AddWithValue("hash", NpgsqlDbType.Text, (object?)blockHash ?? DBNull.Value);
        upsert.Parameters.AddWithValue("payload", NpgsqlDbType.Jsonb, payloadJson);
        upsert.Parameters.AddWithValue("status", status);
        await using var reader = await upsert.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetInt64(0), reader.GetBoolean(1)) : null;
    }

    /// <summary>
    /// A reorg replaced the blocks above <paramref name="forkBlock"/>: forgets the checkpoints above it and marks every
    /// pending event seen above it (and its transfer) orphaned. Re-scanning records again what the new blocks contain.
    /// Returns the number of transfers orphaned.
    /// </summary>
    public async Task<int> RewindAsync(string chain, long forkBlock, string actor, CancellationToken ct = default)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var delete = new NpgsqlCommand("DELETE FROM chain_checkpoints WHERE chain = @chain AND block_number > @fork", connection, tx))
        {
            delete.Parameters.AddWithValue("chain", chain);
            delete.Parameters.AddWithValue("fork", forkBlock);
            await delete.ExecuteNonQueryAsync(ct);
        }
        var orphaned = await OrphanAsync(connection, tx, chain, "block_number > @fork", p => p.AddWithValue("fork", forkBlock), actor,
            $"its block was replaced by a reorg above block {forkBlock}", ct);
        await tx.CommitAsync(ct);
        return orphaned;
    }

    /// <summary>Pending events at or below <paramref name="finalizedBlock"/>, oldest first, to be checked against the canonical chain.</summary>
    public async Task<IReadOnlyList<PendingEvent>> PendingUpToAsync(string chain, long finalizedBlock, int limit, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("""
            SELECT id, block_number, block_hash FROM source_events
             WHERE chain = $1 AND status = 'pending' AND block_number <= $2
             ORDER BY block_number, id LIMIT $3
            """);
        cmd.Parameters.AddWithValue(chain);
        cmd.Parameters.AddWithValue(finalizedBlock);
        cmd.Parameters.AddWithValue(limit);
        var result = new List<PendingEvent>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result.Add(new PendingEvent(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2)));
        }
        return result;
    }

    /// <summary>
    /// The events whose blocks are final and canonical become final: their transfers move pending → finalized (ready to
    /// relay), or → failed when the destination chain is not configured, and their payments pending → final (ready to be
    /// matched). Returns the transfers finalized.
    /// </summary>
    public async Task<int> FinalizeAsync(string chain, IReadOnlyList<long> eventIds, long finalizedBlock, string actor, CancellationToken ct = default)
    {
        if (eventIds.Count == 0)
        {
            return 0;
        }
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            WITH e AS (
                UPDATE source_events SET status = 'finalized', updated_at = now()
                 WHERE id = ANY(@ids) AND status = 'pending' RETURNING id),
            p AS (
                UPDATE payments SET status = 'final', final_at = now(), updated_at = now(),
                       note = 'final: block at or below ' || @final::text
                 WHERE source_event_id IN (SELECT id FROM e) AND status = 'pending')
            SELECT id FROM e
            """, connection, tx);
        cmd.Parameters.AddWithValue("ids", eventIds.ToArray());
        cmd.Parameters.AddWithValue("final", finalizedBlock);
        var final = new List<long>();
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                final.Add(reader.GetInt64(0));
            }
        }
        var events = final.ToArray();
        var undeliverable = await StateChange.MoveAsync(connection, tx, Transfers, [TransferStatus.Pending], TransferStatus.Failed,
            $"source_event_id = ANY({events}) AND dest_chain LIKE 'unknown:%'",
            $"last_error = 'destination chain ' || substr(dest_chain, 9) || ' is not configured', next_attempt_at = now()",
            new TransitionStep(actor, "final, but its destination chain is not configured", chain), ct);
        var finalized = await StateChange.MoveAsync(connection, tx, Transfers, [TransferStatus.Pending], TransferStatus.Finalized,
            $"source_event_id = ANY({events})", $"next_attempt_at = now()",
            new TransitionStep(actor, $"final: block at or below {finalizedBlock}", chain), ct);
        var count = undeliverable.Count + finalized.Count;
        await tx.CommitAsync(ct);
        return count;
    }

    /// <summary>Events whose block at their height is no longer the one they were seen in: orphaned, never relayed.</summary>
    public async Task<int> OrphanAsync(string chain, IReadOnlyList<long> eventIds, string actor, CancellationToken ct = default)
    {
        if (eventIds.Count == 0)
        {
            return 0;
        }
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var orphaned = await OrphanAsync(connection, tx, chain, "id = ANY(@ids)", p => p.AddWithValue("ids", eventIds.ToArray()), actor,
            "its block is not in the final chain", ct);
        await tx.CommitAsync(ct);
        return orphaned;
    }

    /// <summary>Drops checkpoints more than <paramref name="keep"/> blocks below <paramref name="finalizedBlock"/> (final blocks cannot reorg).</summary>
    public async Task PruneAsync(string chain, long finalizedBlock, long keep, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand(
            "DELETE FROM chain_checkpoints WHERE chain = $1 AND block_number < $2 AND block_number < (SELECT max(block_number) FROM chain_checkpoints WHERE chain = $1)");
        cmd.Parameters.AddWithValue(chain);
        cmd.Parameters.AddWithValue(finalizedBlock - keep);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<int> OrphanAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string chain, string condition,
        Action<NpgsqlParameterCollection> parameters, string actor, string note, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"""
            WITH e AS (
                UPDATE source_events SET status = 'orphaned', updated_at = now()
                 WHERE chain = @chain AND status = 'pending' AND {condition} RETURNING id),
            p AS (
                UPDATE payments SET status = 'orphaned', updated_at = now(), note = @note
                 WHERE source_event_id IN (SELECT id FROM e) AND status = 'pending')
            SELECT id FROM e
            """, connection, tx);
        cmd.Parameters.AddWithValue("chain", chain);
        cmd.Parameters.AddWithValue("note", note);
        parameters(cmd.Parameters);
        var orphaned = new List<long>();
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                orphaned.Add(reader.GetInt64(0));
            }
        }
        var events = orphaned.ToArray();
        return (await StateChange.MoveAsync(connection, tx, Transfers, [TransferStatus.Pending], TransferStatus.Orphaned,
            $"source_event_id = ANY({events})", null, new TransitionStep(actor, note, chain), ct)).Count;
    }
}
