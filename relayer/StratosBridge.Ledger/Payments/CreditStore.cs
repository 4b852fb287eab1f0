using System.Numerics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using StratosBridge.Ledger.OutgoingTxs;
using StratosBridge.Ledger.Relaying;

namespace StratosBridge.Ledger.Payments;

/// <summary>
/// The credit worker's ledger side, the same sign → persist → broadcast discipline as <see cref="ReleaseStore"/>: a claimed
/// credit's signed <c>runMsg(MsgPrepay)</c>, its nonce and the credit's move to <c>submitted</c> commit in one
/// transaction; a submitted credit is never claimed again until its transaction settles, so a worker killed at any line
/// re-sends the same bytes instead of prepaying twice.
/// </summary>
public sealed class CreditStore(IDbContextFactory<LedgerDbContext> contexts, NpgsqlDataSource database)
{
    public const string Purpose = "prepay";

    private const string Columns = """
        c.id, c.payment_id, c.quote_id, c.beneficiary, c.stos_wei, c.quoted_noz, c.status, c.attempts, c.tx_hash, c.block_number,
        c.purchased_noz, c.last_error, c.created_at, c.completed_at, p.chain, p.tx_hash, p.asset, p.amount, p.outcome
        """;

    /// <summary>Claims up to <paramref name="batchSize"/> due, ready credits, oldest first.</summary>
    public async Task<IReadOnlyList<ClaimedCredit>> ClaimAsync(int batchSize, string worker, TimeSpan lease, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("""
            UPDATE credits SET claimed_by = $1, claimed_until = now() + $2, updated_at = now()
             WHERE id IN (SELECT id FROM credits
                           WHERE status = 'ready' AND next_attempt_at <= now() AND (claimed_until IS NULL OR claimed_until < now())
                           ORDER BY id LIMIT $3
                           FOR UPDATE SKIP LOCKED)
            RETURNING id, beneficiary, stos_wei, attempts
            """);
        cmd.Parameters.AddWithValue(worker);
        cmd.Parameters.AddWithValue(lease);
        cmd.Parameters.AddWithValue(batchSize);
        var result = new List<ClaimedCredit>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result.Add(new ClaimedCredit(reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<BigInteger>(2), reader.GetInt32(3)));
        }
        return result.OrderBy(c => c.Id).ToList();
    }

    /// <summary>
    /// In one transaction: the signer's next nonce, the signed prepay, and the credit ready → submitted pointing at it.
    /// Returns null (rolling back, nonce given back) when the credit is no longer claimed by <paramref name="worker"/>.
    /// </summary>
    public async Task<OutgoingTxRow?> PersistSignedAsync(string chain, string signer, long chainPendingCount, Func<long, SignedOutgoingTx> sign,
        long creditId, string worker, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var row = await OutgoingTxStore.InsertSignedAsync(db, chain, signer, chainPendingCount, sign, Purpose, ct);
        var moved = await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE credits SET status = 'submitted', outgoing_tx_id = {row.Id}, tx_hash = {row.TxHash}, claimed_by = NULL,
                   claimed_until = NULL, updated_at = now()
             WHERE id = {creditId} AND status = 'ready' AND claimed_by = {worker}
            """, ct);
        if (moved != 1)
        {
            await tx.RollbackAsync(CancellationToken.None);
            return null;
        }
        await tx.CommitAsync(ct);
        return row;
    }

    /// <summary>The credits riding on any of <paramref name="txIds"/>.</summary>
    public async Task<IReadOnlyList<long>> SubmittedOnAsync(IReadOnlyList<long> txIds, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("SELECT id FROM credits WHERE outgoing_tx_id = ANY($1) AND status = 'submitted'");
        cmd.Parameters.AddWithValue(txIds.ToArray());
        var result = new List<long>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result.Add(reader.GetInt64(0));
        }
        return result;
    }

    /// <summary>
    /// Settles the transactions of one nonce by the receipt of <paramref name="mined"/>. When <paramref name="executed"/>
    /// (the receipt carries <c>MsgExecuted</c>) the credit completes with the mined transaction; otherwise (reverted, or
    /// no MsgExecuted) it goes back to ready with the reason and a back-off.
    /// </summary>
    public async Task SettleAsync(IReadOnlyList<OutgoingTxRow> sameNonce, OutgoingTxRow mined, long blockNumber, bool succeeded, bool executed,
        string? failure, TimeSpan retryAfter, CancellationToken ct = default)
    {
        var ids = sameNonce.Select(r => r.Id).ToArray();
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await OutgoingTxStore.SettleRowsAsync(db, sameNonce, mined, blockNumber, succeeded, succeeded ? null : failure, ct);
        if (executed)
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                UPDATE credits SET status = 'completed', outgoing_tx_id = {mined.Id}, tx_hash = {mined.TxHash}, block_number = {blockNumber},
                       completed_at = now(), last_error = NULL, updated_at = now()
                 WHERE outgoing_tx_id = ANY({ids}) AND status = 'submitted'
                """, ct);
        }
        else
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                UPDATE credits SET status = 'ready', outgoing_tx_id = NULL, tx_hash = NULL, attempts = attempts + 1,
                       next_attempt_at = now() + {retryAfter}, last_error = {failure ?? "the prepay was not executed"}, updated_at = now()
                 WHERE outgoing_tx_id = ANY({ids}) AND status = 'submitted'
                """, ct);
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>Gives claimed credits back, due after <paramref name="retryAfter"/>, with the reason.</summary>
    public async Task BackOffAsync(IReadOnlyList<long> creditIds, string worker, TimeSpan retryAfter, string reason, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE credits SET claimed_by = NULL, claimed_until = NULL, attempts = attempts + 1,
                   next_attempt_at = now() + {retryAfter}, last_error = {reason}, updated_at = now()
             WHERE id = ANY({creditIds.ToArray()}) AND claimed_by = {worker}
            """, ct);
    }

    /// <summary>Parks a claimed credit as failed (a permanent refusal), with the reason.</summary>
    public async Task FailAsync(long creditId, string worker, string reason, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE credits SET status = 'failed', last_error = {reason}, claimed_by = NULL, claimed_until = NULL, updated_at = now()
             WHERE id = {creditId} AND claimed_by = {worker} AND status = 'ready'
            """, ct);
    }

    /// <summary>Completed credits whose purchased noz has not been read from the chain yet.</summary>
    public async Task<IReadOnlyList<(long Id, string TxHash)>> NozUnknownAsync(int limit, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand(
            "SELECT id, tx_hash FROM credits WHERE status = 'completed' AND purchased_noz IS NULL ORDER BY id LIMIT $1");
        cmd.Parameters.AddWithValue(limit);
        var result = new List<(long, string)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result.Add((reader.GetInt64(0), reader.GetString(1)));
        }
        return result;
    }

    public async Task RecordPurchasedNozAsync(long creditId, BigInteger noz, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand(
            "UPDATE credits SET purchased_noz = $2, updated_at = now() WHERE id = $1 AND status = 'completed' AND purchased_noz IS NULL");
        cmd.Parameters.AddWithValue(creditId);
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Numeric, Value = noz });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The credits of a quote, oldest first.</summary>
    public async Task<IReadOnlyList<CreditRow>> ForQuoteAsync(string quoteId, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand($"""
            SELECT {Columns} FROM credits c JOIN payments p ON p.id = c.payment_id WHERE c.quote_id = $1 ORDER BY c.id
            """);
        cmd.Parameters.AddWithValue(quoteId.ToLowerInvariant());
        return await ReadAllAsync(cmd, ct);
    }

    /// <summary>The credits of any of <paramref name="paymentIds"/> (at most one per payment), in no particular order.</summary>
    public async Task<IReadOnlyList<CreditRow>> ForPaymentsAsync(IReadOnlyCollection<long> paymentIds, CancellationToken ct = default)
    {
        if (paymentIds.Count == 0)
        {
            return [];
        }
        await using var cmd = database.CreateCommand($"""
            SELECT {Columns} FROM credits c JOIN payments p ON p.id = c.payment_id WHERE c.payment_id = ANY($1)
            """);
        cmd.Parameters.AddWithValue(paymentIds.ToArray());
        return await ReadAllAsync(cmd, ct);
    }

    /// <summary>A beneficiary's credits, newest first, a page of <paramref name="limit"/> before <paramref name="beforeId"/>.</summary>
    public async Task<IReadOnlyList<CreditRow>> ForBeneficiaryAsync(string beneficiary, int limit, long? beforeId, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand($"""
            SELECT {Columns} FROM credits c JOIN payments p ON p.id = c.payment_id
             WHERE c.beneficiary = $1 AND ($2::bigint IS NULL OR c.id < $2) ORDER BY c.id DESC LIMIT $3
            """);
        cmd.Parameters.AddWithValue(beneficiary.ToLowerInvariant());
        cmd.Parameters.AddWithValue(NpgsqlDbType.Bigint, (object?)beforeId ?? DBNull.Value);
        cmd.Parameters.AddWithValue(limit);
        return await ReadAllAsync(cmd, ct);
    }

    private static async Task<IReadOnlyList<CreditRow>> ReadAllAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var result = new List<CreditRow>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            result.Add(new CreditRow(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetFieldValue<BigInteger>(4),
                r.IsDBNull(5) ? null : r.GetFieldValue<BigInteger>(5), r.GetString(6), r.GetInt32(7), r.IsDBNull(8) ? null : r.GetString(8),
                r.IsDBNull(9) ? null : r.GetInt64(9), r.IsDBNull(10) ? null : r.GetFieldValue<BigInteger>(10),
                r.IsDBNull(11) ? null : r.GetString(11), r.GetFieldValue<DateTimeOffset>(12),
                r.IsDBNull(13) ? null : r.GetFieldValue<DateTimeOffset>(13), r.GetString(14), r.GetString(15), r.GetString(16),
                r.GetFieldValue<BigInteger>(17), r.IsDBNull(18) ? null : r.GetString(18)));
        }
        return result;
    }
}
