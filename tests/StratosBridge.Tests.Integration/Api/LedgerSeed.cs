using System.Numerics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StratosBridge.Core.Ledger;
using StratosBridge.Core.Transfers;
using StratosBridge.Ledger.SourceEvents;
using StratosBridge.Ledger.Relaying;
using StratosBridge.Ledger.States;

namespace StratosBridge.Tests.Integration.Api;

/// <summary>
/// Puts ledger rows in place the way the watcher and the relay worker do: source events through their store, transfers
/// opened with their first timeline row and moved through the ledger's one transition function, destination transactions and chain progress with plain SQL.
/// </summary>
public sealed class LedgerSeed(IServiceProvider services)
{
    private SourceEventStore Events => services.GetRequiredService<SourceEventStore>();

    public ReleaseStore Releases => services.GetRequiredService<ReleaseStore>();

    private NpgsqlDataSource Database => services.GetRequiredService<NpgsqlDataSource>();

    /// <summary>Records a lock log and opens its transfer in <c>pending</c>; returns the transfer id.</summary>
    public async Task<long> LockAsync(string chain, string txHash, int logIndex, long block, string sender, string recipient,
        BigInteger amount, string destChain = "stratos")
    {
        var recorded = await Events.RecordAsync(new SourceEventRow
        {
            Chain = chain,
            TxHash = txHash,
            SourceRef = logIndex.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Kind = "locked",
            BlockNumber = block,
            BlockHash = BlockHash(block),
            // the members the relay reads from a lock (the real watcher writes the same): its vault, nonce and release id
            Payload = $$"""{"amount":"{{amount}}","releaseId":"{{txHash}}","vault":"0x00000000000000000000000000000000000000a1","nonce":"{{block * 1000 + logIndex}}"}""",
        });
        Assert.Equal(Recorded.Inserted, recorded);
        var source = await Events.FindAsync(chain, txHash, logIndex.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return await ScalarAsync("""
            WITH t AS (
                INSERT INTO transfers (source_event_id, source_chain, dest_chain, sender, recipient, amount, status)
                VALUES (@event, @chain, @dest, @sender, @recipient, @amount::numeric, 'pending') RETURNING id),
            l AS (
                INSERT INTO timeline (subject, subject_id, status, chain, tx_hash, actor, note)
                SELECT 'transfer', id, 'pending', @chain, @tx, 'watcher:test', @note FROM t)
            SELECT id FROM t
            """, ("event", source!.Id), ("chain", chain), ("dest", destChain), ("sender", sender), ("recipient", recipient),
            ("amount", amount.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("tx", txHash), ("note", $"lock seen in block {block}"));
    }

    /// <summary>Moves a transfer through the ledger's one transition function, as production does.</summary>
    public async Task MoveAsync(long transfer, TransferStatus from, TransferStatus to, TransitionStep step)
    {
        await using var connection = await Database.OpenConnectionAsync();
        // as the relay worker parks one: the reason is the transfer's last error too
        var set = to == TransferStatus.Failed ? $"last_error = {step.Note}, claimed_by = NULL, claimed_until = NULL" : (FormattableString?)null;
        var moved = await StateChange.MoveAsync(connection, null, TransferStates.Machine, [from], to, $"id = {transfer}", set, step);
        Assert.True(moved.Count == 1, $"transfer {transfer}: {from} → {to}");
    }

    /// <summary>A signed destination transaction, as the relay worker persists it; returns its id.</summary>
    public Task<long> OutgoingTxAsync(string chain, string txHash, string status, long? block = null) =>
        ScalarAsync("""
            INSERT INTO outgoing_txs (chain, signer, nonce, raw_tx, tx_hash, purpose, status, block_number)
            VALUES (@chain, '0x70997970c51812dc3a010c7d01b50e0d17dc79c8', 0, '\x02'::bytea, @hash, 'release-batch', @status, @block)
            RETURNING id
            """, ("chain", chain), ("hash", txHash), ("status", status), ("block", (object?)block ?? DBNull.Value));

    public Task AttachAsync(long transfer, long outgoingTx) =>
        ScalarAsync("UPDATE transfers SET outgoing_tx_id = @tx WHERE id = @id RETURNING id", ("tx", outgoingTx), ("id", transfer));

    public Task UpdateOutgoingTxAsync(long outgoingTx, string status, long? block) =>
        ScalarAsync("UPDATE outgoing_txs SET status = @status, block_number = @block WHERE id = @id RETURNING id",
            ("status", status), ("block", (object?)block ?? DBNull.Value), ("id", outgoingTx));

    public Task HeadAsync(string chain, long head, long? finalized, string instance, DateTimeOffset seenAt) =>
        ScalarAsync("""
            INSERT INTO chain_heads (chain, head, finalized, watcher_instance, seen_at) VALUES (@chain, @head, @finalized, @instance, @seen)
            ON CONFLICT (chain) DO UPDATE SET head = @head, finalized = @finalized, watcher_instance = @instance, seen_at = @seen
            RETURNING 0::bigint
            """, ("chain", chain), ("head", head), ("finalized", (object?)finalized ?? DBNull.Value), ("instance", instance), ("seen", seenAt));

    public Task CheckpointAsync(string chain, long block) =>
        ScalarAsync("INSERT INTO chain_checkpoints (chain, block_number, block_hash) VALUES (@chain, @block, @hash) RETURNING 0::bigint",
            ("chain", chain), ("block", block), ("hash", BlockHash(block)));

    public Task OrphanSourceAsync(string chain, string txHash) =>
        ScalarAsync("UPDATE source_events SET status = 'orphaned' WHERE chain = @chain AND tx_hash = @hash RETURNING 0::bigint",
            ("chain", chain), ("hash", txHash));

    /// <summary>A made-up but stable block hash for block <paramref name="block"/>.</summary>
    public static string BlockHash(long block) => "0x" + block.ToString("x64", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var cmd = Database.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value);
        }
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
