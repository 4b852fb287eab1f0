using System.Data;
using Npgsql;
using StratosBridge.Ledger.Leases;

namespace StratosBridge.Relayer.Watchers;

/// <summary>
/// One chain's watcher leadership, owned by that chain's loop: the PostgreSQL session advisory lock
/// <c>watcher:{chain}</c> on a dedicated connection. A poll runs on the lock's connection, so a lost connection (and with
/// it the lock) is noticed at once; the lock is then taken again on the next round, if no other instance took it.
/// </summary>
internal sealed class WatcherLease(NpgsqlDataSource database, string chain, string instanceId) : IAsyncDisposable
{
    private NpgsqlConnection? _held;

    /// <summary>
    /// Runs <paramref name="poll"/> while holding the chain's lock, taking it first if needed (then
    /// <paramref name="taken"/> is called). False when another instance holds the lock.
    /// </summary>
    public async Task<bool> PollAsync(Action taken, Func<WatcherLease, Task> poll, CancellationToken ct)
    {
        try
        {
            if (_held is null)
            {
                _held = await TryTakeAsync(ct);
                if (_held is null)
                {
                    return false;
                }
                taken();
            }
            await poll(this);
            return true;
        }
        catch (Exception) when (_held is { State: not ConnectionState.Open })
        {
            await _held.DisposeAsync(); // the lock went with the connection
            _held = null;
            throw;
        }
    }

    /// <summary>The chain's head and finalized block into <c>chain_heads</c>, on the lock's connection.</summary>
    public async Task WriteHeadAsync(long head, long? finalized, CancellationToken ct)
    {
        await using var upsert = new NpgsqlCommand("""
            INSERT INTO chain_heads (chain, head, finalized, watcher_instance, seen_at) VALUES (@c, @h, @f, @i, now())
            ON CONFLICT (chain) DO UPDATE SET head = @h, finalized = @f, watcher_instance = @i, seen_at = now()
            """, _held ?? throw new InvalidOperationException($"the watcher lock of {chain} is not held"));
        upsert.Parameters.AddWithValue("c", chain);
        upsert.Parameters.AddWithValue("h", head);
        upsert.Parameters.AddWithValue("f", (object?)finalized ?? DBNull.Value);
        upsert.Parameters.AddWithValue("i", instanceId);
        await upsert.ExecuteNonQueryAsync(ct);
    }

    private Task<NpgsqlConnection?> TryTakeAsync(CancellationToken ct) => ClusterLease.TryTakeAsync(database, "watcher:" + chain, ct);

    public async ValueTask DisposeAsync()
    {
        if (_held is not null)
        {
            await _held.DisposeAsync();
            _held = null;
        }
    }
}
