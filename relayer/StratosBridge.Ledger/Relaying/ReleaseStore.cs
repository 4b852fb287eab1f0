using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using System.Diagnostics;
using StratosBridge.Core.States;
using StratosBridge.Core.Telemetry;
using StratosBridge.Core.Transfers;
using StratosBridge.Ledger.OutgoingTxs;
using StratosBridge.Ledger.States;

namespace StratosBridge.Ledger.Relaying;

/// <summary>
/// The relay worker's ledger side: claims finalized transfers per route, persists each signed batch transaction together
/// with its nonce and the transfers' move to <c>submitted</c> (sign → persist → broadcast), and settles transactions by
/// their receipts. Every write is guarded, so a worker that lost its claim or a second instance changes nothing.
/// </summary>
public sealed class ReleaseStore(IDbContextFactory<LedgerDbContext> contexts, NpgsqlDataSource database)
{
    private static StateMachine<TransferStatus> Machine => TransferStates.Machine;

    /// <summary>
    /// Claims up to <paramref name="batchSize"/> due, finalized transfers from <paramref name="sourceChain"/> to <paramref name="destChain"/>.
    /// Due: its next attempt has come, or an attestation was published for it since it was last looked at (a transfer that
    /// awaits attestations is set aside until the next poll, but the signature it waited for makes it due at once; the
    /// second of slack covers an attester's transaction that began before the look and committed after it).
    /// </summary>
    public async Task<IReadOnlyList<ClaimedRelease>> ClaimAsync(string sourceChain, string destChain, int batchSize, string worker,
        TimeSpan lease, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("""
            UPDATE transfers t
               SET claimed_by = $1, claimed_until = now() + $2, updated_at = now()
              FROM source_events e
             WHERE e.id = t.source_event_id
               AND t.id IN (SELECT id FROM transfers
                             WHERE status = 'finalized' AND source_chain = $3 AND dest_chain = $4
                               AND (next_attempt_at <= now()
                                    OR EXISTS (SELECT 1 FROM attestations a
                                                WHERE a.transfer_id = transfers.id AND a.kind = 'release'
                                                  AND a.signed_at >= transfers.updated_at - interval '1 second'))
                               AND (claimed_until IS NULL OR claimed_until < now())
                             ORDER BY id LIMIT $5
                             FOR UPDATE SKIP LOCKED)
            RETURNING t.id, e.payload->>'releaseId', e.payload->>'vault', (e.payload->>'nonce')::numeric, t.recipient, t.amount, t.attempts,
                      t.governor_released_by IS NOT NULL
            """);
        cmd.Parameters.AddWithValue(worker);
        cmd.Parameters.AddWithValue(lease);
        cmd.Parameters.AddWithValue(sourceChain);
        cmd.Parameters.AddWithValue(destChain);
        cmd.Parameters.AddWithValue(batchSize);
        var result = new List<ClaimedRelease>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result.Add(new ClaimedRelease(reader.GetInt64(0), reader.GetString(1), reader.GetString(2),
                (ulong)reader.GetFieldValue<System.Numerics.BigInteger>(3), reader.GetString(4), reader.GetFieldValue<System.Numerics.BigInteger>(5),
                reader.GetInt32(6), reader.GetBoolean(7)));
        }
        return result.OrderBy(r => r.TransferId).ToList();
    }

    /// <summary>
    /// In one transaction: allocates the signer's next nonce, signs with it, stores the raw transaction, and moves the
    /// claimed transfers finalized → submitted pointing at it, with timeline rows. Returns no row (and rolls back, giving
    /// the nonce back) if any transfer is no longer claimed by <paramref name="worker"/>.
    /// With a <paramref name="charge"/> (the source chain is governed) it first locks the chain's <c>governor_windows</c> row,
    /// so that instances checking the same window take turns, and refuses the batch (no row, the window's use) when it would
    /// take the window over its limit; otherwise the transfers' USD values count in the window from this commit.
    /// </summary>
    public async Task<PersistedBatch> PersistSignedAsync(string chain, string signer, long chainPendingCount, Func<long, SignedOutgoingTx> sign,
        string purpose, IReadOnlyList<long> transferIds, string worker, CancellationToken ct = default, WindowCharge? charge = null)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (charge is not null)
        {
            var used = await LockWindowAsync(db, charge, ct);
            if (charge.LimitUsd is { } limit && used + charge.TotalUsd > limit && charge.Transfers.Any(t => !t.Released))
            {
                await tx.RollbackAsync(CancellationToken.None);
                return new PersistedBatch(null, used);
            }
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                UPDATE transfers SET governed_usd = c.usd, governed_at = now()
                  FROM unnest({charge.Transfers.Select(t => t.TransferId).ToArray()}, {charge.Transfers.Select(t => t.Usd).ToArray()}) AS c(id, usd)
                 WHERE transfers.id = c.id
                """, ct);
        }
        var row = await OutgoingTxStore.InsertSignedAsync(db, chain, signer, chainPendingCount, sign, purpose, ct);
        var ids = transferIds.ToArray();
        var moved = await StateChange.MoveAsync(db, Machine, [TransferStatus.Finalized], TransferStatus.Submitted,
            $"id = ANY({ids}) AND claimed_by = {worker}", $"outgoing_tx_id = {row.Id}, claimed_by = NULL, claimed_until = NULL",
            new TransitionStep(worker, $"in a batch of {transferIds.Count}, nonce {row.Nonce}", chain, row.TxHash), ct);
        if (moved.Count != transferIds.Count)
        {
            await tx.RollbackAsync(CancellationToken.None);
            return new PersistedBatch(null, null);
        }
        await tx.CommitAsync(ct);
        return new PersistedBatch(row, null);
    }

    /// <summary>
    /// Locks the source chain's governor window (its row, created on first use) until the caller's transaction ends, and
    /// returns the USD signed from that chain within the window, not counting the transfers being charged now (a transfer
    /// signed again after a revert counts once).
    /// </summary>
    private static async Task<decimal> LockWindowAsync(LedgerDbContext db, WindowCharge charge, CancellationToken ct)
    {
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO governor_windows (chain) VALUES ({charge.SourceChain}) ON CONFLICT (chain) DO UPDATE SET chain = excluded.chain
            """, ct);
        var used = await db.Database.SqlQuery<decimal>($"""
            SELECT coalesce(sum(governed_usd), 0) AS "Value" FROM transfers
             WHERE source_chain = {charge.SourceChain} AND governed_at > now() - {charge.Window}
               AND NOT (id = ANY({charge.Transfers.Select(t => t.TransferId).ToArray()}))
            """).ToListAsync(ct);
        return used.Single();
    }

    /// <summary>
    /// The governor holds claimed transfers back: finalized → delayed with the reason, released by itself after
    /// <paramref name="delayFor"/> (database time).
    /// </summary>
    public async Task DelayAsync(IReadOnlyList<(long TransferId, string Reason)> delays, TimeSpan delayFor, string worker, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        foreach (var (id, reason) in delays)
        {
            await StateChange.MoveAsync(db, Machine, [TransferStatus.Finalized], TransferStatus.Delayed, $"id = {id} AND claimed_by = {worker}",
                $"delay_reason = {reason}, delayed_until = now() + {delayFor}, claimed_by = NULL, claimed_until = NULL",
                new TransitionStep(worker, $"delayed by the governor for {delayFor}: {reason}"), ct);
        }
    }

    /// <summary>Delayed transfers whose release time has come go back to finalized, released by the governor (not checked again).</summary>
    public async Task<int> ReleaseDueAsync(string worker, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var moved = await StateChange.MoveAsync(db, Machine, [TransferStatus.Delayed], TransferStatus.Finalized, $"delayed_until <= now()",
            $"governor_released_by = {worker}, delayed_until = NULL, next_attempt_at = now()",
            new TransitionStep(worker, "its delay is over: released by the governor, relayed without its limits (it still counts in the window)"), ct);
        return moved.Count;
    }

    /// <summary>The transfers riding on any of <paramref name="txIds"/>.</summary>
    public async Task<IReadOnlyList<SubmittedRelease>> SubmittedOnAsync(IReadOnlyList<long> txIds, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("""
            SELECT t.id, e.payload->>'releaseId', t.recipient, t.amount FROM transfers t JOIN source_events e ON e.id = t.source_event_id
             WHERE t.outgoing_tx_id = ANY($1) AND t.status = 'submitted'
            """);
        cmd.Parameters.AddWithValue(txIds.ToArray());
        var result = new List<SubmittedRelease>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result.Add(new SubmittedRelease(reader.GetInt64(0), reader.GetString(1), reader.GetString(2),
                reader.GetFieldValue<System.Numerics.BigInteger>(3)));
        }
        return result;
    }

    /// <summary>
    /// Settles the transactions of one nonce by the receipt of <paramref name="mined"/>. The other transactions of the
    /// nonce become <c>replaced</c>. On success the transfers in <paramref name="released"/> complete (with their notes)
    /// the transfers in <paramref name="conflicted"/> (the vault had used their id with other content) fail with their note,
    /// and any other transfer on these transactions goes back to finalized; on a revert every transfer goes back to
    /// finalized with the reason and a back-off.
    /// </summary>
    public async Task SettleAsync(IReadOnlyList<OutgoingTxRow> sameNonce, OutgoingTxRow mined, long blockNumber, bool succeeded,
        IReadOnlyDictionary<long, string> released, IReadOnlyDictionary<long, string> conflicted, string? revertReason, TimeSpan retryAfter,
        string actor, CancellationToken ct = default)
    {
        var ids = sameNonce.Select(r => r.Id).ToArray();
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await OutgoingTxStore.SettleRowsAsync(db, sameNonce, mined, blockNumber, succeeded, revertReason, actor, ct);
        IReadOnlyList<ReleaseLatency> latencies = [];
        if (succeeded)
        {
            var completed = released.Keys.ToArray();
            var moved = await StateChange.MoveAsync(db, Machine, [TransferStatus.Submitted], TransferStatus.Completed,
                $"id = ANY({completed}) AND outgoing_tx_id = ANY({ids})", $"last_error = NULL",
                new TransitionStep(actor, null, mined.Chain, mined.TxHash), ct, notes: released);
            latencies = await LatenciesAsync(db, moved, ct);
            await FailConflictsAsync(db, conflicted, ids, mined.Chain, mined.TxHash, actor, ct);
        }
        await StateChange.MoveAsync(db, Machine, [TransferStatus.Submitted], TransferStatus.Finalized, $"outgoing_tx_id = ANY({ids})",
            $"outgoing_tx_id = NULL, attempts = attempts + 1, next_attempt_at = now() + {retryAfter}, last_error = {revertReason ?? "not released by the mined batch"}",
            new TransitionStep(actor, revertReason is null ? "not in the batch's receipt; will be relayed again" : $"batch reverted: {revertReason}; will retry",
                mined.Chain, mined.TxHash), ct);
        await tx.CommitAsync(ct);
        foreach (var latency in latencies)
        {
            BridgeMetrics.ReleaseLatency.Record(latency.Seconds, new TagList { { "source", latency.Source }, { "dest", latency.Dest } });
        }
    }

    /// <summary>For transfers completed now: their route and the seconds since their source became final (their first finalized step).</summary>
    private static async Task<IReadOnlyList<ReleaseLatency>> LatenciesAsync(LedgerDbContext db, IReadOnlyList<long> completed, CancellationToken ct) =>
        completed.Count == 0
            ? []
            : await db.Database.SqlQuery<ReleaseLatency>($"""
                SELECT t.source_chain AS "Source", t.dest_chain AS "Dest",
                       coalesce(extract(epoch FROM now() - (SELECT min(l.at) FROM timeline l
                                                    WHERE l.subject = 'transfer' AND l.subject_id = t.id AND l.status = 'finalized')), 0)::float8 AS "Seconds"
                  FROM transfers t WHERE t.id = ANY({completed.ToArray()})
                """).ToListAsync(ct);

    /// <summary>
    /// Another transaction took the nonce of <paramref name="sameNonce"/>: the rows become dropped; the transfers the vault
    /// shows released (<paramref name="released"/>, with notes) complete, and the others, which the vault confirmed unused, go
    /// back to finalized to be signed again at a new nonce.
    /// </summary>
    public async Task NonceTakenAsync(IReadOnlyList<OutgoingTxRow> sameNonce, IReadOnlyDictionary<long, string> released,
        IReadOnlyDictionary<long, string> conflicted, string unusedNote, string actor, CancellationToken ct = default)
    {
        var ids = sameNonce.Select(r => r.Id).ToArray();
        var chain = sameNonce[0].Chain;
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await OutgoingTxStore.DropRowsAsync(db, sameNonce, unusedNote, actor, ct);
        foreach (var (transferId, note) in released)
        {
            await StateChange.MoveAsync(db, TransferStates.Machine, [TransferStatus.Submitted], TransferStatus.Completed,
                $"id = {transferId} AND outgoing_tx_id = ANY({ids})", $"last_error = NULL", new TransitionStep(actor, note, chain), ct);
        }
        await FailConflictsAsync(db, conflicted, ids, chain, null, actor, ct);
        await StateChange.MoveAsync(db, TransferStates.Machine, [TransferStatus.Submitted], TransferStatus.Finalized, $"outgoing_tx_id = ANY({ids})",
            $"outgoing_tx_id = NULL, next_attempt_at = now(), last_error = {unusedNote}", new TransitionStep(actor, unusedNote, chain), ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Submitted transfers whose release id the vault had used with other content (another recipient or amount, or a cancel)
    /// fail with the note: they are neither done nor to be signed again without a person deciding.
    /// </summary>
    private static async Task FailConflictsAsync(LedgerDbContext db, IReadOnlyDictionary<long, string> conflicted, long[] txIds, string chain,
        string? txHash, string actor, CancellationToken ct)
    {
        foreach (var (transferId, note) in conflicted)
        {
            await StateChange.MoveAsync(db, Machine, [TransferStatus.Submitted], TransferStatus.Failed,
                $"id = {transferId} AND outgoing_tx_id = ANY({txIds})", $"outgoing_tx_id = NULL, last_error = {note}",
                new TransitionStep(actor, note, chain, txHash), ct);
        }
    }

    /// <summary>Gives claimed transfers back, due after <paramref name="retryAfter"/>, with the reason.</summary>
    public async Task BackOffAsync(IReadOnlyList<long> transferIds, string worker, TimeSpan retryAfter, string reason, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE transfers SET claimed_by = NULL, claimed_until = NULL, attempts = attempts + 1,
                   next_attempt_at = now() + {retryAfter}, last_error = {reason}, updated_at = now()
             WHERE id = ANY({transferIds.ToArray()}) AND claimed_by = {worker}
            """, ct);
    }

    /// <summary>
    /// Gives claimed transfers back without counting an attempt: they wait for something outside the relayer (the attesters'
    /// signatures), due again after <paramref name="retryAfter"/>, each with its reason in <c>last_error</c>.
    /// </summary>
    public async Task AwaitAsync(IReadOnlyList<(long TransferId, string Reason)> waiting, string worker, TimeSpan retryAfter, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE transfers SET claimed_by = NULL, claimed_until = NULL, next_attempt_at = now() + {retryAfter}, last_error = w.reason,
                   updated_at = now()
              FROM unnest({waiting.Select(w => w.TransferId).ToArray()}, {waiting.Select(w => w.Reason).ToArray()}) AS w(id, reason)
             WHERE transfers.id = w.id AND transfers.claimed_by = {worker}
            """, ct);
    }

    /// <summary>Parks claimed transfers as failed (a permanent refusal), with the reason on the timeline.</summary>
    public async Task FailAsync(IReadOnlyList<long> transferIds, string worker, string reason, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await StateChange.MoveAsync(db, Machine, [TransferStatus.Finalized], TransferStatus.Failed,
            $"id = ANY({transferIds.ToArray()}) AND claimed_by = {worker}", $"last_error = {reason}, claimed_by = NULL, claimed_until = NULL",
            new TransitionStep(worker, reason), ct);
    }
}
