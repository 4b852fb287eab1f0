using System.Numerics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using StratosBridge.Core.Grants;
using StratosBridge.Core.Payments;
using StratosBridge.Core.States;
using StratosBridge.Ledger.Grants;
using StratosBridge.Ledger.Nonces;
using StratosBridge.Ledger.OutgoingTxs;
using StratosBridge.Ledger.Relaying;
using StratosBridge.Ledger.States;

namespace StratosBridge.Ledger.Payments;

/// <summary>
/// The credit worker's ledger side, the same sign → persist → broadcast discipline as <see cref="ReleaseStore"/>: a claimed
/// credit's signed <c>runMsg(MsgPrepay)</c>, its nonce and the credit's move to <c>submitted</c> commit in one
/// transaction; a submitted credit is never claimed again until its transaction settles, so a worker killed at any line
/// re-sends the same bytes instead of prepaying twice. Every status change goes through <see cref="StateChange"/> with
/// <see cref="CreditStates.Machine"/> (a timeline row each); a prepay that succeeded is never redone without an operator.
/// </summary>
public sealed class CreditStore(IDbContextFactory<LedgerDbContext> contexts, NpgsqlDataSource database)
{
    public const string Purpose = "prepay";

    private static readonly StateMachine<CreditStatus> Machine = CreditStates.Machine;

    public static readonly string Ready = Machine.Wire(CreditStatus.Ready);
    public static readonly string Completed = Machine.Wire(CreditStatus.Completed);
    public static readonly string NeedsOperator = Machine.Wire(CreditStatus.NeedsOperator);

    private static readonly CreditStatus[] OperatorSettles = [CreditStatus.NeedsOperator, CreditStatus.Ready, CreditStatus.Failed];

    /// <summary>The statuses an operator may settle a credit from (a ready one is refused while a worker signs it: a guarded move).</summary>
    public static readonly IReadOnlyList<string> SettledByOperatorFrom = OperatorSettles.Select(Machine.Wire).ToList();

    /// <summary>Every status a credit can be in, as the ledger and the API name them.</summary>
    public static readonly IReadOnlyList<string> Statuses = Machine.Wires;

    private const string Columns = """
        c.id, c.payment_id, c.quote_id, c.beneficiary, c.stos_wei, c.quoted_noz, c.status, c.attempts, c.tx_hash, c.block_number,
        c.purchased_noz, c.last_error, c.created_at, c.completed_at, p.chain, p.tx_hash, p.asset, p.amount, p.outcome,
        c.grant_claim_id, g.program_id
        """;

    /// <summary>A credit and what earned it: a payment, or a grant claim.</summary>
    private const string Earned = "credits c LEFT JOIN payments p ON p.id = c.payment_id LEFT JOIN grant_claims g ON g.id = c.grant_claim_id";

    /// <summary>
    /// Claims up to <paramref name="batchSize"/> due, ready credits, oldest first (a claim is a lease, not a state), except
    /// those of payments made on <paramref name="skipPayChains"/> (paused); each with the payment that earned it.
    /// </summary>
    public async Task<IReadOnlyList<ClaimedCredit>> ClaimAsync(int batchSize, string worker, TimeSpan lease, CancellationToken ct = default,
        IReadOnlyList<string>? skipPayChains = null)
    {
        await using var cmd = database.CreateCommand("""
            WITH claimed AS (
                UPDATE credits SET claimed_by = $1, claimed_until = now() + $2, updated_at = now()
                 WHERE id IN (SELECT id FROM credits
                               WHERE status = $4 AND next_attempt_at <= now() AND (claimed_until IS NULL OR claimed_until < now())
                                 AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.id = credits.payment_id AND p.chain = ANY($5))
                               ORDER BY id LIMIT $3
                               FOR UPDATE SKIP LOCKED)
                RETURNING id, beneficiary, stos_wei, attempts, payment_id)
            SELECT c.id, c.beneficiary, c.stos_wei, c.attempts,
                   p.id, p.chain, p.tx_hash, e.source_ref, p.block_number, e.block_hash, p.quote_id, p.payer, p.beneficiary, p.amount
              FROM claimed c
              LEFT JOIN payments p ON p.id = c.payment_id
              LEFT JOIN source_events e ON e.id = p.source_event_id
             ORDER BY c.id
            """);
        cmd.Parameters.AddWithValue(worker);
        cmd.Parameters.AddWithValue(lease);
        cmd.Parameters.AddWithValue(batchSize);
        cmd.Parameters.AddWithValue(Ready);
        cmd.Parameters.AddWithValue((skipPayChains ?? []).ToArray());
        var result = new List<ClaimedCredit>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var payment = r.IsDBNull(4)
                ? null
                : new CreditedPayment(r.GetInt64(4), r.GetString(5), r.GetString(6), r.GetString(7), r.IsDBNull(8) ? null : r.GetInt64(8),
                    r.IsDBNull(9) ? null : r.GetString(9), r.GetString(10), r.GetString(11), r.IsDBNull(12) ? null : r.GetString(12),
                    r.GetFieldValue<BigInteger>(13));
            result.Add(new ClaimedCredit(r.GetInt64(0), r.GetString(1), r.GetFieldValue<BigInteger>(2), r.GetInt32(3), payment));
        }
        return result;
    }

    /// <summary>
    /// In one transaction, for each credit in order that is still claimed by <paramref name="worker"/> (the others are
    /// skipped: another worker has them): the signer's next nonce, the signed prepay, and the credit ready → submitted
    /// pointing at it. The credits are locked first, so every one held is persisted with consecutive nonces and one commit.
    /// Returns each credit's row, null for one no longer claimed.
    /// </summary>
    public async Task<IReadOnlyList<OutgoingTxRow?>> PersistSignedAsync(string chain, string signer, long chainPendingCount,
        IReadOnlyList<(long CreditId, Func<long, SignedOutgoingTx> Sign)> prepays, string worker, CancellationToken ct = default)
    {
        if (prepays.Count == 0)
        {
            return [];
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var ids = prepays.Select(p => p.CreditId).ToArray();
        var held = (await db.Database.SqlQuery<long>($"""
            SELECT id AS "Value" FROM credits WHERE id = ANY({ids}) AND claimed_by = {worker} AND status = 'ready' FOR UPDATE
            """).ToListAsync(ct)).ToHashSet();
        var rows = new List<OutgoingTxRow?>();
        foreach (var (creditId, sign) in prepays)
        {
            if (!held.Contains(creditId))
            {
                rows.Add(null);
                continue;
            }
            var row = await OutgoingTxStore.InsertSignedAsync(db, chain, signer, chainPendingCount, sign, Purpose, ct);
            var moved = await StateChange.MoveAsync(db, Machine, [CreditStatus.Ready], CreditStatus.Submitted,
                $"id = {creditId} AND claimed_by = {worker}",
                $"outgoing_tx_id = {row.Id}, tx_hash = {row.TxHash}, claimed_by = NULL, claimed_until = NULL",
                new TransitionStep(worker, $"prepay signed, nonce {row.Nonce}", chain, row.TxHash), ct);
            if (moved.Count != 1)
            {
                throw new InvalidOperationException($"credit {creditId} was locked as claimed by {worker} but did not move to submitted");
            }
            rows.Add(row);
        }
        await tx.CommitAsync(ct);
        return rows;
    }

    /// <summary>The prepay of the rows of one nonce executed: its credit completes with the mined transaction.</summary>
    public async Task CompleteAsync(IReadOnlyList<OutgoingTxRow> sameNonce, OutgoingTxRow mined, long blockNumber, string actor,
        CancellationToken ct = default)
    {
        var ids = sameNonce.Select(r => r.Id).ToArray();
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await OutgoingTxStore.SettleRowsAsync(db, sameNonce, mined, blockNumber, succeeded: true, null, actor, ct);
        await StateChange.MoveAsync(db, Machine, [CreditStatus.Submitted], CreditStatus.Completed, $"outgoing_tx_id = ANY({ids})",
            $"outgoing_tx_id = {mined.Id}, tx_hash = {mined.TxHash}, block_number = {blockNumber}, completed_at = now(), last_error = NULL",
            new TransitionStep(actor, $"MsgPrepay executed in block {blockNumber}", mined.Chain, mined.TxHash), ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// The prepay succeeded but the service cannot tell what it did: its credit is parked as needs-operator with
    /// <paramref name="reason"/> (the attempt counted). Returns the credits parked.
    /// </summary>
    public async Task<IReadOnlyList<long>> ParkAsync(IReadOnlyList<OutgoingTxRow> sameNonce, OutgoingTxRow mined, long blockNumber, string reason,
        string actor, CancellationToken ct = default)
    {
        var ids = sameNonce.Select(r => r.Id).ToArray();
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await OutgoingTxStore.SettleRowsAsync(db, sameNonce, mined, blockNumber, succeeded: true, null, actor, ct);
        var parked = await StateChange.MoveAsync(db, Machine, [CreditStatus.Submitted], CreditStatus.NeedsOperator, $"outgoing_tx_id = ANY({ids})",
            $"outgoing_tx_id = {mined.Id}, tx_hash = {mined.TxHash}, block_number = {blockNumber}, attempts = attempts + 1, last_error = {reason}",
            new TransitionStep(actor, reason, mined.Chain, mined.TxHash), ct);
        await tx.CommitAsync(ct);
        return parked;
    }

    /// <summary>
    /// The prepay reverted (it bought nothing): its credit goes back to ready with the reason, due after
    /// <paramref name="retryAfter"/>. Returns each credit with its attempts so far.
    /// </summary>
    public async Task<IReadOnlyList<(long Id, int Attempts)>> RetryRevertedAsync(IReadOnlyList<OutgoingTxRow> sameNonce, OutgoingTxRow mined,
        long blockNumber, string failure, TimeSpan retryAfter, string actor, CancellationToken ct = default)
    {
        var ids = sameNonce.Select(r => r.Id).ToArray();
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await OutgoingTxStore.SettleRowsAsync(db, sameNonce, mined, blockNumber, succeeded: false, failure, actor, ct);
        var moved = (await StateChange.MoveAsync(db, Machine, [CreditStatus.Submitted], CreditStatus.Ready, $"outgoing_tx_id = ANY({ids})",
            $"outgoing_tx_id = NULL, tx_hash = NULL, attempts = attempts + 1, next_attempt_at = now() + {retryAfter}, last_error = {failure}",
            new TransitionStep(actor, $"{failure}; will retry", mined.Chain, mined.TxHash), ct)).ToArray();
        var attempts = await db.Database.SqlQuery<CreditAttempts>($"SELECT id AS \"Id\", attempts AS \"Attempts\" FROM credits WHERE id = ANY({moved})")
            .ToListAsync(ct);
        await tx.CommitAsync(ct);
        return attempts.Select(a => (a.Id, a.Attempts)).ToList();
    }

    /// <summary>
    /// Another transaction took the nonce of <paramref name="sameNonce"/>: the rows become dropped and their credit waits for
    /// an operator (the attempt counted). Returns the credits parked.
    /// </summary>
    public async Task<IReadOnlyList<long>> NonceTakenAsync(IReadOnlyList<OutgoingTxRow> sameNonce, string reason, string actor, CancellationToken ct = default)
    {
        var ids = sameNonce.Select(r => r.Id).ToArray();
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await OutgoingTxStore.DropRowsAsync(db, sameNonce, reason, actor, ct);
        var parked = await StateChange.MoveAsync(db, Machine, [CreditStatus.Submitted], CreditStatus.NeedsOperator, $"outgoing_tx_id = ANY({ids})",
            $"attempts = attempts + 1, last_error = {reason}", new TransitionStep(actor, reason, sameNonce[0].Chain, sameNonce[^1].TxHash), ct);
        await tx.CommitAsync(ct);
        return parked;
    }

    /// <summary>Gives claimed credits back, due after <paramref name="retryAfter"/>, with the reason (the attempt counted).</summary>
    public async Task BackOffAsync(IReadOnlyList<long> creditIds, string worker, TimeSpan retryAfter, string reason, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE credits SET claimed_by = NULL, claimed_until = NULL, attempts = attempts + 1,
                   next_attempt_at = now() + {retryAfter}, last_error = {reason}, updated_at = now()
             WHERE id = ANY({creditIds.ToArray()}) AND claimed_by = {worker}
            """, ct);
    }

    /// <summary>
    /// Parks a claimed credit as failed (a permanent refusal), with the reason; a grant's credit gives its claim's
    /// reservation back to the program in the same transaction (<see cref="GrantReservation"/>).
    /// </summary>
    public async Task FailAsync(long creditId, string worker, string reason, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var failed = await StateChange.MoveAsync(db, Machine, [CreditStatus.Ready], GrantReservation.ReleasedOn,
            $"id = {creditId} AND claimed_by = {worker}", $"last_error = {reason}, claimed_by = NULL, claimed_until = NULL",
            new TransitionStep(worker, reason), ct);
        await GrantStore.ReleaseAsync(db, failed, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// An operator's decision <paramref name="decision"/> settles a credit with <paramref name="txHash"/> (checked by the
    /// caller: a mined prepay of ours), once (<see cref="OperatorDecisions"/>). Not applicable when the credit is no longer in
    /// <see cref="SettledByOperatorFrom"/> (a ready one moved to submitted by a worker meanwhile), or is a grant's that gave its
    /// reservation back (<see cref="IsReleasedGrant"/>).
    /// </summary>
    public async Task<OperatorDecision> SettleByOperatorAsync(long creditId, string decision, string chain, string txHash, long blockNumber,
        string actor, string reason, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await OperatorDecisions.ApplyOnceAsync(db, decision, Machine.Subject, creditId, "settle", async ct2 =>
        {
            var moved = await StateChange.MoveAsync(db, Machine, OperatorSettles, CreditStatus.Completed, OperatorMayMove(creditId),
                $"""
                tx_hash = {txHash}, block_number = {blockNumber}, completed_at = now(), last_error = NULL, purchased_noz = NULL,
                claimed_by = NULL, claimed_until = NULL,
                outgoing_tx_id = coalesce((SELECT id FROM outgoing_txs WHERE chain = {chain} AND tx_hash = {txHash}), outgoing_tx_id)
                """,
                new TransitionStep(actor, reason, chain, txHash), ct2);
            return moved.Count == 1;
        }, ct);
    }

    /// <summary>
    /// An operator's decision <paramref name="decision"/> sends a needs-operator or failed credit back to ready (a new prepay
    /// will be signed), once (<see cref="OperatorDecisions"/>). Not applicable when the credit is in neither state, or is a
    /// grant's that gave its reservation back (<see cref="IsReleasedGrant"/>).
    /// </summary>
    public async Task<OperatorDecision> RetryByOperatorAsync(long creditId, string decision, string actor, string reason, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await OperatorDecisions.ApplyOnceAsync(db, decision, Machine.Subject, creditId, "retry", async ct2 =>
        {
            var moved = await StateChange.MoveAsync(db, Machine, [CreditStatus.NeedsOperator, CreditStatus.Failed], CreditStatus.Ready,
                OperatorMayMove(creditId),
                $"outgoing_tx_id = NULL, tx_hash = NULL, block_number = NULL, next_attempt_at = now(), claimed_by = NULL, claimed_until = NULL",
                new TransitionStep(actor, $"retried by an operator: {reason}"), ct2);
            return moved.Count == 1;
        }, ct);
    }

    /// <summary>True when the credit is in a state an operator's retry applies to (the API checks before it enqueues the job).</summary>
    public static bool RetriedByOperatorFrom(string status) =>
        status == Machine.Wire(CreditStatus.NeedsOperator) || status == Machine.Wire(CreditStatus.Failed);

    /// <summary>
    /// True when <paramref name="credit"/> is a grant's credit that failed and gave its reservation back: its claim is over,
    /// and operators neither settle nor retry it (the wallet claims again instead; <see cref="GrantReservation"/>).
    /// </summary>
    public static bool IsReleasedGrant(CreditRow credit)
    {
        ArgumentNullException.ThrowIfNull(credit);
        return credit.GrantClaimId is not null && credit.Status == Machine.Wire(GrantReservation.ReleasedOn);
    }

    /// <summary>The credit, unless it is a grant's whose claim gave its reservation back (it stays failed: <see cref="IsReleasedGrant"/>).</summary>
    private static FormattableString OperatorMayMove(long creditId) =>
        $"id = {creditId} AND NOT EXISTS (SELECT 1 FROM grant_claims g WHERE g.id = credits.grant_claim_id AND g.released_at IS NOT NULL)";

    /// <summary>The next nonce the ledger would allocate for <paramref name="signer"/> on <paramref name="chain"/>; null if it never has.</summary>
    public async Task<long?> NextNonceAsync(string chain, string signer, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await NonceStore.NextAsync(db, chain, signer, ct);
    }

    /// <summary>True when <paramref name="address"/> is a signer this ledger has allocated nonces for on <paramref name="chain"/>.</summary>
    public async Task<bool> IsOurSignerAsync(string chain, string address, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await NonceStore.NextAsync(db, chain, address, ct) is not null;
    }

    /// <summary>The completed credit whose prepay is <paramref name="txHash"/>, if any.</summary>
    public async Task<long?> CreditOfTxAsync(string txHash, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("SELECT id FROM credits WHERE tx_hash = $1 AND status = $2 LIMIT 1");
        cmd.Parameters.AddWithValue(txHash);
        cmd.Parameters.AddWithValue(Completed);
        return await cmd.ExecuteScalarAsync(ct) is long id ? id : null;
    }

    /// <summary>Completed credits whose purchased noz has not been read from the chain yet.</summary>
    public async Task<IReadOnlyList<(long Id, string TxHash)>> NozUnknownAsync(int limit, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand(
            "SELECT id, tx_hash FROM credits WHERE status = $2 AND purchased_noz IS NULL ORDER BY id LIMIT $1");
        cmd.Parameters.AddWithValue(limit);
        cmd.Parameters.AddWithValue(Completed);
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
            "UPDATE credits SET purchased_noz = $2, updated_at = now() WHERE id = $1 AND status = $3 AND purchased_noz IS NULL");
        cmd.Parameters.AddWithValue(creditId);
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Numeric, Value = noz });
        cmd.Parameters.AddWithValue(Completed);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<CreditRow?> ByIdAsync(long id, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand($"""
            SELECT {Columns} FROM {Earned} WHERE c.id = $1
            """);
        cmd.Parameters.AddWithValue(id);
        return (await ReadAllAsync(cmd, ct)).SingleOrDefault();
    }

    /// <summary>The credits in <paramref name="status"/>, newest first, a page of <paramref name="limit"/> before <paramref name="beforeId"/>.</summary>
    public async Task<IReadOnlyList<CreditRow>> InStatusAsync(string status, int limit, long? beforeId, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand($"""
            SELECT {Columns} FROM {Earned}
             WHERE c.status = $1 AND ($2::bigint IS NULL OR c.id < $2) ORDER BY c.id DESC LIMIT $3
            """);
        cmd.Parameters.AddWithValue(status);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Bigint, (object?)beforeId ?? DBNull.Value);
        cmd.Parameters.AddWithValue(limit);
        return await ReadAllAsync(cmd, ct);
    }

    /// <summary>The credits of a quote, oldest first.</summary>
    public async Task<IReadOnlyList<CreditRow>> ForQuoteAsync(string quoteId, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand($"""
            SELECT {Columns} FROM {Earned} WHERE c.quote_id = $1 ORDER BY c.id
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
            SELECT {Columns} FROM {Earned} WHERE c.payment_id = ANY($1)
            """);
        cmd.Parameters.AddWithValue(paymentIds.ToArray());
        return await ReadAllAsync(cmd, ct);
    }

    /// <summary>A beneficiary's credits, newest first, a page of <paramref name="limit"/> before <paramref name="beforeId"/>.</summary>
    public async Task<IReadOnlyList<CreditRow>> ForBeneficiaryAsync(string beneficiary, int limit, long? beforeId, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand($"""
            SELECT {Columns} FROM {Earned}
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
            result.Add(new CreditRow(r.GetInt64(0), r.IsDBNull(1) ? null : r.GetInt64(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3),
                r.GetFieldValue<BigInteger>(4),
                r.IsDBNull(5) ? null : r.GetFieldValue<BigInteger>(5), r.GetString(6), r.GetInt32(7), r.IsDBNull(8) ? null : r.GetString(8),
                r.IsDBNull(9) ? null : r.GetInt64(9), r.IsDBNull(10) ? null : r.GetFieldValue<BigInteger>(10),
                r.IsDBNull(11) ? null : r.GetString(11), r.GetFieldValue<DateTimeOffset>(12),
                r.IsDBNull(13) ? null : r.GetFieldValue<DateTimeOffset>(13), r.IsDBNull(14) ? null : r.GetString(14),
                r.IsDBNull(15) ? null : r.GetString(15), r.IsDBNull(16) ? null : r.GetString(16),
                r.IsDBNull(17) ? null : r.GetFieldValue<BigInteger>(17), r.IsDBNull(18) ? null : r.GetString(18),
                r.IsDBNull(19) ? null : r.GetInt64(19), r.IsDBNull(20) ? null : r.GetString(20)));
        }
        return result;
    }
}
