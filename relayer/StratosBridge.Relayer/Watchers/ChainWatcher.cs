using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Relayer.Configuration;
using StratosBridge.Relayer.Jobs;

namespace StratosBridge.Relayer.Watchers;

/// <summary>
/// The <c>watchers</c> role: for each configured chain, exactly one instance across the deployment watches it.
/// Leadership is a PostgreSQL session advisory lock on a dedicated connection: when the holder dies its connection
/// closes, the lock is freed, and another instance takes over within <see cref="WatcherOptions.TakeoverInterval"/>.
/// While it holds the lock the watcher follows the chain's head and finalized block into <c>chain_heads</c> and, on
/// chains with vaults, the vaults' locks (<see cref="ChainScanner"/>).
/// </summary>
public sealed class ChainWatcher(
    NpgsqlDataSource database,
    ChainClients chains,
    IOptions<WatcherOptions> options,
    IOptions<JobsOptions> instance,
    ChainScanner scanner,
    ILogger<ChainWatcher> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(chains.Names.Select(chain => WatchAsync(chain, stoppingToken)));

    private async Task WatchAsync(string chain, CancellationToken ct)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["Chain"] = chain });
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = await database.OpenConnectionAsync(ct);
                if (!await TryTakeLockAsync(connection, chain, ct))
                {
                    await Task.Delay(options.Value.TakeoverInterval, ct);
                    continue;
                }
                logger.LogInformation("Watching {Chain}: this instance ({Instance}) holds the chain's watcher lock",
                    chain, instance.Value.ResolvedInstanceId);
                await FollowHeadAsync(connection, chain, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (NpgsqlException e)
            {
                logger.LogWarning(e, "Watcher of {Chain} lost the ledger; retrying", chain);
                await Task.Delay(options.Value.TakeoverInterval, ct);
            }
        }
    }

    private async Task FollowHeadAsync(NpgsqlConnection connection, string chain, CancellationToken ct)
    {
        var rpc = chains.Rpc(chain);
        var report = new HeadReport(logger, chain, options.Value.HeadLogInterval);
        while (!ct.IsCancellationRequested)
        {
            long head;
            long? finalized;
            try
            {
                head = await rpc.BlockNumberAsync(ct);
                finalized = await FinalizedAsync(rpc, ct);
            }
            catch (Exception e) when (e is HttpRequestException or EvmRpcException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                logger.LogWarning("Chain {Chain} RPC unavailable: {Error}", chain, e.Message);
                await Task.Delay(options.Value.PollInterval, ct);
                continue;
            }
            await using (var upsert = new NpgsqlCommand("""
                INSERT INTO chain_heads (chain, head, finalized, watcher_instance, seen_at) VALUES (@c, @h, @f, @i, now())
                ON CONFLICT (chain) DO UPDATE SET head = @h, finalized = @f, watcher_instance = @i, seen_at = now()
                """, connection))
            {
                upsert.Parameters.AddWithValue("c", chain);
                upsert.Parameters.AddWithValue("h", head);
                upsert.Parameters.AddWithValue("f", (object?)finalized ?? DBNull.Value);
                upsert.Parameters.AddWithValue("i", instance.Value.ResolvedInstanceId);
                await upsert.ExecuteNonQueryAsync(ct);
            }
            report.Seen(head, finalized);
            try
            {
                await scanner.PollAsync(chain, head, finalized, $"watcher:{instance.Value.ResolvedInstanceId}", ct);
            }
            catch (Exception e) when (e is HttpRequestException or EvmRpcException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                logger.LogWarning("Scanning {Chain} for locks failed, will retry: {Error}", chain, e.Message);
            }
            await Task.Delay(options.Value.PollInterval, ct);
        }
    }

    /// <summary>The <c>finalized</c> block's number, or null for a node that does not know the tag.</summary>
    private static async Task<long?> FinalizedAsync(EvmRpcClient rpc, CancellationToken ct)
    {
        try
        {
            var block = await rpc.CallAsync("eth_getBlockByNumber", ["finalized", false], ct);
            return block.ValueKind == System.Text.Json.JsonValueKind.Object
                ? (long)EvmRpcClient.ParseQuantity(block.GetProperty("number"))
                : null;
        }
        catch (EvmRpcException)
        {
            return null;
        }
    }

    private static async Task<bool> TryTakeLockAsync(NpgsqlConnection connection, string chain, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtext('watcher:' || @c))", connection);
        cmd.Parameters.AddWithValue("c", chain);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
