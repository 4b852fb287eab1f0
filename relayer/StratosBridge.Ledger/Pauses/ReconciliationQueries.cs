using System.Numerics;
using Npgsql;
using NpgsqlTypes;
using StratosBridge.Core.Checkouts;
using StratosBridge.Core.Payments;

namespace StratosBridge.Ledger.Pauses;

/// <summary>The ledger's side of reconciliation: sums in base units, each read in one statement (one snapshot).</summary>
public sealed class ReconciliationQueries(NpgsqlDataSource database)
{
    /// <summary>The highest block of <paramref name="chain"/> its watcher has recorded (every lock at or below it is in the ledger), or null.</summary>
    public async Task<long?> CheckpointAsync(string chain, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("SELECT max(block_number) FROM chain_checkpoints WHERE chain = $1");
        cmd.Parameters.AddWithValue(chain);
        return await cmd.ExecuteScalarAsync(ct) is long block ? block : null;
    }

    /// <summary>
    /// The amounts of the route's transfers by status (orphaned ones left out: their lock is not on the canonical chain),
    /// counting only locks at or below <paramref name="throughBlock"/>, and each <c>submitted</c> transfer's release id and
    /// amount (in flight: the caller asks the vault whether it is released already). One statement: one snapshot.
    /// </summary>
    public async Task<(IReadOnlyDictionary<string, BigInteger> ByStatus, IReadOnlyList<(string ReleaseId, BigInteger Amount)> Submitted)>
        RouteAsync(string source, string destination, long throughBlock, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("""
            SELECT t.status, sum(t.amount), NULL FROM transfers t JOIN source_events e ON e.id = t.source_event_id
             WHERE t.source_chain = $1 AND t.dest_chain = $2 AND e.block_number <= $3 AND t.status NOT IN ('orphaned', 'submitted')
             GROUP BY t.status
            UNION ALL
            SELECT t.status, t.amount, e.payload->>'releaseId' FROM transfers t JOIN source_events e ON e.id = t.source_event_id
             WHERE t.source_chain = $1 AND t.dest_chain = $2 AND e.block_number <= $3 AND t.status = 'submitted'
            """);
        cmd.Parameters.AddWithValue(source);
        cmd.Parameters.AddWithValue(destination);
        cmd.Parameters.AddWithValue(throughBlock);
        var byStatus = new Dictionary<string, BigInteger>(StringComparer.Ordinal);
        var submitted = new List<(string, BigInteger)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (reader.IsDBNull(2))
            {
                byStatus[reader.GetString(0)] = reader.GetFieldValue<BigInteger>(1);
            }
            else
            {
                submitted.Add((reader.GetString(2), reader.GetFieldValue<BigInteger>(1)));
            }
        }
        return (byStatus, submitted);
    }

    /// <summary>
    /// Per pay chain, the final payments (final, matched or unmatched) in the chain's base unit: all of them, those with a
    /// credit, the unmatched ones and those still waiting for the matcher.
    /// </summary>
    public async Task<IReadOnlyList<PaymentTotals>> PaymentTotalsAsync(CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("""
            SELECT p.chain,
                   coalesce(sum(p.amount), 0),
                   coalesce(sum(p.amount) FILTER (WHERE c.id IS NOT NULL), 0),
                   coalesce(sum(p.amount) FILTER (WHERE p.status = 'unmatched' AND c.id IS NULL), 0),
                   coalesce(sum(p.amount) FILTER (WHERE p.status = 'final' AND c.id IS NULL), 0),
                   count(*)
              FROM payments p LEFT JOIN credits c ON c.payment_id = p.id
             WHERE p.status IN ('final', 'matched', 'unmatched')
             GROUP BY p.chain ORDER BY p.chain
            """);
        var result = new List<PaymentTotals>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result.Add(new PaymentTotals(reader.GetString(0), reader.GetFieldValue<BigInteger>(1), reader.GetFieldValue<BigInteger>(2),
                reader.GetFieldValue<BigInteger>(3), reader.GetFieldValue<BigInteger>(4), reader.GetInt64(5)));
        }
        return result;
    }
    /// <summary>
    /// The completed credits' quoted against purchased noz (<see cref="OzoneBoughtTotals"/>): a credit is outside when
    /// |purchased − quoted| exceeds <paramref name="tolerancePpm"/> millionths of the quoted noz, and at least 1 noz (the
    /// chain's formula floors). One statement over the completed credits.
    /// </summary>
    public async Task<OzoneBoughtTotals> OzoneBoughtAsync(decimal tolerancePpm, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("""
            SELECT count(*) FILTER (WHERE d.gap IS NOT NULL),
                   coalesce(sum(c.quoted_noz) FILTER (WHERE d.gap IS NOT NULL), 0),
                   coalesce(sum(c.purchased_noz) FILTER (WHERE d.gap IS NOT NULL), 0),
                   count(*) FILTER (WHERE c.purchased_noz IS NULL),
                   count(*) FILTER (WHERE c.quoted_noz IS NULL AND c.purchased_noz IS NOT NULL),
                   count(*) FILTER (WHERE d.outside),
                   coalesce(sum(d.gap) FILTER (WHERE d.outside), 0),
                   coalesce(sum(c.purchased_noz - c.quoted_noz) FILTER (WHERE d.outside), 0),
                   coalesce((array_agg(c.id ORDER BY d.gap DESC, c.id) FILTER (WHERE d.outside))[1:5], '{}')
              FROM credits c,
                   LATERAL (SELECT abs(c.purchased_noz - c.quoted_noz) AS gap) g,
                   LATERAL (SELECT g.gap, g.gap > greatest(1, c.quoted_noz * $1 / 1000000) AS outside) d
             WHERE c.status = $2
            """);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Numeric, tolerancePpm);
        cmd.Parameters.AddWithValue(CreditStates.Machine.Wire(CreditStatus.Completed));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new OzoneBoughtTotals(reader.GetInt64(0), reader.GetFieldValue<BigInteger>(1), reader.GetFieldValue<BigInteger>(2), reader.GetInt64(3),
            reader.GetInt64(4), reader.GetInt64(5), reader.GetFieldValue<BigInteger>(6), reader.GetFieldValue<BigInteger>(7),
            reader.GetFieldValue<long[]>(8));
    }

    /// <summary>
    /// The credits that still have to move STOS from <paramref name="signer"/> on <paramref name="chain"/>
    /// (<see cref="OpenCreditTotals"/>): a submitted credit whose transaction's nonce is below <paramref name="confirmedNonce"/>
    /// (the signer's transaction count at the block its balance was read at) was mined by then. One statement.
    /// </summary>
    public async Task<OpenCreditTotals> OpenCreditsAsync(string chain, string signer, long confirmedNonce, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("""
            SELECT count(*) FILTER (WHERE c.status = $1), coalesce(sum(c.stos_wei) FILTER (WHERE c.status = $1), 0),
                   count(*) FILTER (WHERE m.unmined), coalesce(sum(c.stos_wei) FILTER (WHERE m.unmined), 0),
                   count(*) FILTER (WHERE NOT m.unmined), coalesce(sum(c.stos_wei) FILTER (WHERE NOT m.unmined), 0),
                   count(*) FILTER (WHERE c.status = ANY($3)), coalesce(sum(c.stos_wei) FILTER (WHERE c.status = ANY($3)), 0)
              FROM credits c LEFT JOIN outgoing_txs o ON o.id = c.outgoing_tx_id,
                   LATERAL (SELECT CASE WHEN c.status = $2
                                        THEN o.id IS NULL OR o.chain <> $4 OR o.signer <> $5 OR o.nonce >= $6 END AS unmined) m
             WHERE c.status = ANY($7)
            """);
        var machine = CreditStates.Machine;
        cmd.Parameters.AddWithValue(machine.Wire(CreditStatus.Ready));
        cmd.Parameters.AddWithValue(machine.Wire(CreditStatus.Submitted));
        string[] parked = [machine.Wire(CreditStatus.NeedsOperator), machine.Wire(CreditStatus.Failed)];
        cmd.Parameters.AddWithValue(parked);
        cmd.Parameters.AddWithValue(chain);
        cmd.Parameters.AddWithValue(signer);
        cmd.Parameters.AddWithValue(confirmedNonce);
        cmd.Parameters.AddWithValue((string[])[machine.Wire(CreditStatus.Ready), machine.Wire(CreditStatus.Submitted), .. parked]);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new OpenCreditTotals(reader.GetInt64(0), reader.GetFieldValue<BigInteger>(1), reader.GetInt64(2), reader.GetFieldValue<BigInteger>(3),
            reader.GetInt64(4), reader.GetFieldValue<BigInteger>(5), reader.GetInt64(6), reader.GetFieldValue<BigInteger>(7));
    }

    /// <summary>
    /// The card payments and the paid checkouts without one (<see cref="CardLedgerTotals"/>), checked against the sessions the
    /// card processor reports paid (<paramref name="paidSessions"/>, with their amounts): those whose checkout the ledger still
    /// has unfulfilled (creating, open, abandoned, failed) count as awaiting fulfilment until <paramref name="grace"/> after the
    /// checkout expired (it can be paid until then; its webhook may be retried for a while); a few sessions the ledger
    /// accounts nothing for, and card payments whose session is not among them. One statement.
    /// </summary>
    public async Task<CardLedgerTotals> CardsAsync(IReadOnlyDictionary<string, long> paidSessions, TimeSpan grace, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("""
            WITH stripe AS (SELECT * FROM unnest($1::text[], $2::bigint[]) AS s (session, cents)),
                 recorded AS (SELECT p.tx_hash AS session, p.amount FROM payments p WHERE p.chain = $3 AND p.status <> $4),
                 unrecorded AS (SELECT s.stripe_session_id AS session, s.status, s.amount_cents FROM checkout_sessions s
                                 WHERE s.payment_id IS NULL AND s.status = ANY($5) AND s.stripe_session_id IS NOT NULL),
                 awaiting AS (SELECT s.stripe_session_id AS session, stripe.cents FROM checkout_sessions s JOIN stripe ON stripe.session = s.stripe_session_id
                               WHERE s.payment_id IS NULL AND s.status = ANY($8) AND s.expires_at + $9 > now())
            SELECT (SELECT count(*) FROM recorded), (SELECT coalesce(sum(amount), 0)::bigint FROM recorded),
                   (SELECT count(*) FROM unrecorded WHERE status = $6), (SELECT coalesce(sum(amount_cents), 0)::bigint FROM unrecorded WHERE status = $6),
                   (SELECT count(*) FROM unrecorded WHERE status = $7), (SELECT coalesce(sum(amount_cents), 0)::bigint FROM unrecorded WHERE status = $7),
                   (SELECT count(*) FROM awaiting), (SELECT coalesce(sum(cents), 0)::bigint FROM awaiting),
                   ARRAY(SELECT session FROM stripe
                         EXCEPT (SELECT session FROM recorded UNION SELECT session FROM unrecorded UNION SELECT session FROM awaiting)
                         ORDER BY 1 LIMIT 5),
                   ARRAY(SELECT session FROM recorded EXCEPT SELECT session FROM stripe ORDER BY 1 LIMIT 5)
            """);
        var checkouts = CheckoutStates.Machine;
        cmd.Parameters.AddWithValue(paidSessions.Keys.ToArray());
        cmd.Parameters.AddWithValue(paidSessions.Values.ToArray());
        cmd.Parameters.AddWithValue(Core.Pauses.PauseSet.CardChain);
        cmd.Parameters.AddWithValue(PaymentStates.Machine.Wire(PaymentStatus.Orphaned));
        cmd.Parameters.AddWithValue((string[])[checkouts.Wire(CheckoutStatus.Held), checkouts.Wire(CheckoutStatus.Reversed)]);
        cmd.Parameters.AddWithValue(checkouts.Wire(CheckoutStatus.Held));
        cmd.Parameters.AddWithValue(checkouts.Wire(CheckoutStatus.Reversed));
        cmd.Parameters.AddWithValue((string[])[checkouts.Wire(CheckoutStatus.Creating), checkouts.Wire(CheckoutStatus.Open),
            checkouts.Wire(CheckoutStatus.Abandoned), checkouts.Wire(CheckoutStatus.Failed)]);
        cmd.Parameters.AddWithValue(grace);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new CardLedgerTotals(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5),
            reader.GetInt64(6), reader.GetInt64(7), reader.GetFieldValue<string[]>(8), reader.GetFieldValue<string[]>(9));
    }
}
