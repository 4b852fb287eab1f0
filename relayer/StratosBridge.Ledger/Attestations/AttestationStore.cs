using System.Numerics;
using Npgsql;

namespace StratosBridge.Ledger.Attestations;

/// <summary>
/// The attestations table and the attesters' reports. Attesters read the locks they have not signed yet and publish
/// their signatures; the relayer reads the signatures of the locks it is about to submit. Everything an attester does
/// here fits the narrow grants the README gives its database role.
/// </summary>
public sealed class AttestationStore(NpgsqlDataSource database)
{
    /// <summary>The transfer states in which each kind is signed: a release while the lock waits to be relayed, a cancel or
    /// a refund while an operator's refund path is at that stage.</summary>
    private const string KindOfStatus = """
        CASE t.status WHEN 'cancelling' THEN 'cancel' WHEN 'refunding' THEN 'refund' ELSE 'release' END
        """;

    private const string AwaitedStatuses = "('finalized', 'delayed', 'cancelling', 'refunding')";

    /// <summary>The columns <see cref="Read"/> turns into an <see cref="AwaitedAttestation"/>, and the locks waiting for signatures.</summary>
    private const string AwaitedLocks = $"""
        SELECT t.id, {KindOfStatus}, t.source_chain, t.dest_chain, e.tx_hash, e.source_ref, e.block_number,
               e.payload->>'vault', (e.payload->>'nonce')::numeric, t.sender, t.recipient, t.amount, e.payload->>'destChainId',
               e.payload->>'releaseId'
        """;

    /// <summary>
    /// Up to <paramref name="limit"/> locks <paramref name="attester"/> has not signed in their current stage, oldest first,
    /// leaving out <paramref name="skip"/> (locks it refused a moment ago and looks at again later).
    /// </summary>
    public async Task<IReadOnlyList<AwaitedAttestation>> AwaitingAsync(string attester, IReadOnlyCollection<long> skip, int limit,
        CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand($"""
            {AwaitedLocks}
              FROM transfers t JOIN source_events e ON e.id = t.source_event_id
             WHERE t.status IN {AwaitedStatuses} AND e.kind = 'locked'
               AND NOT (t.id = ANY($2))
               AND NOT EXISTS (SELECT 1 FROM attestations a
                                WHERE a.transfer_id = t.id AND a.attester = $1 AND a.kind = {KindOfStatus})
             ORDER BY t.id LIMIT $3
            """);
        cmd.Parameters.AddWithValue(attester);
        cmd.Parameters.AddWithValue(skip.ToArray());
        cmd.Parameters.AddWithValue(limit);
        var result = new List<AwaitedAttestation>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result.Add(Read(reader));
        }
        return result;
    }

    private static AwaitedAttestation Read(NpgsqlDataReader reader) =>
        new(reader.GetInt64(0), Enum.Parse<AttestationKind>(reader.GetString(1), ignoreCase: true),
            reader.GetString(2), reader.GetString(3), reader.GetString(4), int.Parse(reader.GetString(5), System.Globalization.CultureInfo.InvariantCulture),
            reader.GetInt64(6), reader.GetString(7), (ulong)reader.GetFieldValue<BigInteger>(8), reader.GetString(9), reader.GetString(10),
            reader.GetFieldValue<BigInteger>(11), reader.GetString(12), reader.GetString(13));

    /// <summary>
    /// The rows published under <paramref name="attester"/>'s name for locks still waiting for signatures, by transfer id after
    /// <paramref name="afterTransferId"/>: the attester audits them against its journal (a row it never wrote is a forgery).
    /// </summary>
    public async Task<IReadOnlyList<(AwaitedAttestation Claim, PublishedAttestation Row)>> OwnRowsAsync(string attester, long afterTransferId, int limit,
        CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand($"""
            {AwaitedLocks}, a.digest, a.signature
              FROM transfers t JOIN source_events e ON e.id = t.source_event_id
              JOIN attestations a ON a.transfer_id = t.id AND a.attester = $1 AND a.kind = {KindOfStatus}
             WHERE t.status IN {AwaitedStatuses} AND e.kind = 'locked' AND t.id > $2
             ORDER BY t.id LIMIT $3
            """);
        cmd.Parameters.AddWithValue(attester);
        cmd.Parameters.AddWithValue(afterTransferId);
        cmd.Parameters.AddWithValue(limit);
        var result = new List<(AwaitedAttestation, PublishedAttestation)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var claim = Read(reader);
            result.Add((claim, new PublishedAttestation(claim.ReleaseId, attester, reader.GetString(14), reader.GetString(15))));
        }
        return result;
    }

    /// <summary>Puts the attester's own signature in place of a row someone else wrote under its name.</summary>
    public async Task ReplaceAsync(string attester, string releaseId, AttestationKind kind, string digest, string signature, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("""
            UPDATE attestations SET digest = $4, signature = $5, signed_at = now() WHERE release_id = $1 AND kind = $2 AND attester = $3
            """);
        cmd.Parameters.AddWithValue(releaseId);
        cmd.Parameters.AddWithValue(kind.Wire());
        cmd.Parameters.AddWithValue(attester);
        cmd.Parameters.AddWithValue(digest);
        cmd.Parameters.AddWithValue(signature);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Publishes a round's signatures in one transaction (and counts them in the attester's report). Returns, for any lock
    /// that already had a row under this attester's name with another digest, the transfer and that digest: someone else
    /// wrote in its name (the caller raises an <c>ALARM</c>; its audit replaces the row). A row with the same digest is a
    /// repeat after a crash and changes nothing.
    /// </summary>
    public async Task<IReadOnlyList<(long TransferId, string Published)>> PublishAsync(string attester, IReadOnlyList<SignedAttestation> signed,
        CancellationToken ct = default)
    {
        if (signed.Count == 0)
        {
            return [];
        }
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        const string Rows = "unnest($2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[]) AS x(release_id, kind, transfer_id, digest, signature)";
        void Bind(NpgsqlCommand command)
        {
            command.Parameters.AddWithValue(attester);
            command.Parameters.AddWithValue(signed.Select(a => a.ReleaseId).ToArray());
            command.Parameters.AddWithValue(signed.Select(a => a.Kind.Wire()).ToArray());
            command.Parameters.AddWithValue(signed.Select(a => a.TransferId).ToArray());
            command.Parameters.AddWithValue(signed.Select(a => a.Digest).ToArray());
            command.Parameters.AddWithValue(signed.Select(a => a.Signature).ToArray());
        }
        int inserted;
        await using (var insert = new NpgsqlCommand($"""
            INSERT INTO attestations (release_id, kind, attester, transfer_id, digest, signature)
            SELECT x.release_id, x.kind, $1, x.transfer_id, x.digest, x.signature FROM {Rows}
            ON CONFLICT (release_id, kind, attester) DO NOTHING
            """, connection, tx))
        {
            Bind(insert);
            inserted = await insert.ExecuteNonQueryAsync(ct);
        }
        var conflicts = new List<(long, string)>();
        if (inserted < signed.Count)
        {
            await using var existing = new NpgsqlCommand($"""
                SELECT x.transfer_id, a.digest FROM {Rows}
                  JOIN attestations a ON a.release_id = x.release_id AND a.kind = x.kind AND a.attester = $1
                 WHERE lower(a.digest) <> lower(x.digest)
                """, connection, tx);
            Bind(existing);
            await using var reader = await existing.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                conflicts.Add((reader.GetInt64(0), reader.GetString(1)));
            }
        }
        await using (var report = new NpgsqlCommand("""
            INSERT INTO attesters (address, last_attested_at, attested) VALUES ($1, now(), $2)
            ON CONFLICT (address) DO UPDATE SET seen_at = now(), last_attested_at = now(), attested = attesters.attested + $2
            """, connection, tx))
        {
            report.Parameters.AddWithValue(attester);
            report.Parameters.AddWithValue((long)inserted);
            await report.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return conflicts;
    }

    /// <summary>The attester is alive (<paramref name="started"/>: it just started); with a refusal, counts it and keeps it as the last one.</summary>
    public async Task ReportAsync(string attester, bool started, string? refusal, CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("""
            INSERT INTO attesters (address, refused, last_refusal, last_refusal_at)
            VALUES ($1, CASE WHEN $3::text IS NULL THEN 0 ELSE 1 END, $3, CASE WHEN $3::text IS NULL THEN NULL ELSE now() END)
            ON CONFLICT (address) DO UPDATE
               SET seen_at = now(),
                   started_at = CASE WHEN $2 THEN now() ELSE attesters.started_at END,
                   refused = attesters.refused + CASE WHEN $3::text IS NULL THEN 0 ELSE 1 END,
                   last_refusal = coalesce($3, attesters.last_refusal),
                   last_refusal_at = CASE WHEN $3::text IS NULL THEN attesters.last_refusal_at ELSE now() END
            """);
        cmd.Parameters.AddWithValue(attester);
        cmd.Parameters.AddWithValue(started);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)refusal ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Every published signature of <paramref name="kind"/> for these release ids (unverified: the relayer checks each).</summary>
    public async Task<IReadOnlyList<PublishedAttestation>> SignaturesAsync(IReadOnlyCollection<string> releaseIds, AttestationKind kind,
        CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand("""
            SELECT release_id, attester, digest, signature FROM attestations WHERE release_id = ANY($1) AND kind = $2 ORDER BY signed_at, attester
            """);
        cmd.Parameters.AddWithValue(releaseIds.ToArray());
        cmd.Parameters.AddWithValue(kind.Wire());
        var result = new List<PublishedAttestation>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result.Add(new PublishedAttestation(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }
        return result;
    }

    /// <summary>Every attester that has reported, with its lag (what it has not signed yet of what waits for signatures).</summary>
    public async Task<IReadOnlyList<AttesterReport>> ReportsAsync(CancellationToken ct = default)
    {
        await using var cmd = database.CreateCommand($"""
            SELECT r.address, r.started_at, r.seen_at, r.last_attested_at, r.attested, r.refused, r.last_refusal, r.last_refusal_at,
                   lag.unsigned, lag.oldest
              FROM attesters r
              CROSS JOIN LATERAL (
                SELECT count(*) AS unsigned, min(t.state_since) AS oldest
                  FROM transfers t JOIN source_events e ON e.id = t.source_event_id
                 WHERE t.status IN {AwaitedStatuses} AND e.kind = 'locked'
                   AND NOT EXISTS (SELECT 1 FROM attestations a
                                    WHERE a.transfer_id = t.id AND a.attester = r.address AND a.kind = {KindOfStatus})) lag
             ORDER BY r.address
            """);
        var result = new List<AttesterReport>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result.Add(new AttesterReport(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3), reader.GetInt64(4), reader.GetInt64(5),
                reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
                reader.GetInt64(8), reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9)));
        }
        return result;
    }
}
