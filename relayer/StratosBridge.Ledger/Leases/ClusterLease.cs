using System.Data;
using Npgsql;

namespace StratosBridge.Ledger.Leases;

/// <summary>
/// A role one instance of the cluster plays at a time (e.g. <c>price-poller</c>): the PostgreSQL session advisory lock
/// <c>lease:{name}</c>, held on a dedicated connection for as long as that connection lives. A dead instance's connection
/// goes, and with it the lock; another instance takes it on its next <see cref="TryHoldAsync"/>.
/// </summary>
public sealed class ClusterLease(NpgsqlDataSource database, string name) : IAsyncDisposable
{
    private NpgsqlConnection? _held;

    /// <summary>True while this instance holds the lease (taking it if it is free); false when another instance holds it.</summary>
    public async Task<bool> TryHoldAsync(CancellationToken ct)
    {
        if (_held is not null)
        {
            try
            {
                await using var alive = new NpgsqlCommand("SELECT 1", _held);
                await alive.ExecuteScalarAsync(ct);
                return true;
            }
            catch (Exception e) when (e is NpgsqlException or IOException || _held.State != ConnectionState.Open)
            {
                await _held.DisposeAsync(); // the lock went with the connection
                _held = null;
            }
        }
        _held = await TryTakeAsync(database, "lease:" + name, ct);
        return _held is not null;
    }

    /// <summary>
    /// Takes the session advisory lock <c>hashtext(<paramref name="key"/>)</c> on a new connection and returns that connection
    /// (the lock lives as long as it does), or null when another session holds the lock.
    /// </summary>
    public static async Task<NpgsqlConnection?> TryTakeAsync(NpgsqlDataSource database, string key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(database);
        var connection = await database.OpenConnectionAsync(ct);
        try
        {
            await using var take = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtext($1))", connection);
            take.Parameters.AddWithValue(key);
            if ((bool)(await take.ExecuteScalarAsync(ct))!)
            {
                return connection;
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_held is not null)
        {
            await _held.DisposeAsync();
            _held = null;
        }
    }
}
