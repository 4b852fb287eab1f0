using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using StratosBridge.Chains.Solana.Rpc;
using StratosBridge.Relayer.Jobs;
using StratosBridge.Relayer.Relaying;

namespace StratosBridge.Relayer.Watchers;

/// <summary>
/// The Solana part of the <c>watchers</c> role: exactly one instance across the deployment follows Solana Pay payments.
/// Leadership is the PostgreSQL session advisory lock <c>watcher:solana</c> on a dedicated connection, as for the EVM
/// chains (<see cref="ChainWatcher"/>): when the holder dies its connection closes and another instance takes over within
/// <see cref="WatcherOptions.TakeoverInterval"/>. While it holds the lock, every <see cref="SolanaWatcherOptions.PollInterval"/>
/// it writes the cluster's processed and finalized slots to <c>chain_heads</c> (on the lock's connection, so a lost lock
/// is noticed at once) and runs <see cref="SolanaPaymentScanner.PollAsync"/>. RPC and ledger outages are logged once
/// when they start and once when they end, and retried; nothing but the host's stopping ends it.
/// </summary>
public sealed class SolanaPaymentWatcher(
    NpgsqlDataSource database,
    ISolanaRpcClientFactory rpc,
    SolanaPaymentScanner scanner,
    IOptions<SolanaWatcherOptions> options,
    IOptions<WatcherOptions> watchers,
    IOptions<JobsOptions> instance,
    ILogger<SolanaPaymentWatcher> logger) : BackgroundService
{
    private const string Chain = SolanaWatcherOptions.Chain;

    private bool _ledgerDown;
    private bool _rpcDown;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["Chain"] = Chain });
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await database.OpenConnectionAsync(stoppingToken);
                if (!await TryTakeLockAsync(connection, stoppingToken))
                {
                    LedgerBack();
                    await Task.Delay(watchers.Value.TakeoverInterval, stoppingToken);
                    continue;
                }
                LedgerBack();
                logger.LogInformation("Watching {Chain}: this instance ({Instance}) holds the chain's watcher lock; payments to {Recipient}",
                    Chain, instance.Value.ResolvedInstanceId, scanner.Recipient.ToString());
                scanner.Forget();
                await FollowAsync(connection, stoppingToken);
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (LedgerOutage.Is(e))
            {
                if (!_ledgerDown)
                {
                    logger.LogWarning("Watcher of {Chain} lost the ledger, retrying every {Interval}: {Error}",
                        Chain, watchers.Value.TakeoverInterval, e.Message);
                }
                _ledgerDown = true;
                await PauseAsync(watchers.Value.TakeoverInterval, stoppingToken);
            }
            catch (Exception e)
            {
                // A BackgroundService that throws stops the whole host: a fault of ours must not stop the other roles.
                logger.LogError(e, "Watcher of {Chain} failed; starting over", Chain);
                await PauseAsync(watchers.Value.TakeoverInterval, stoppingToken);
            }
        }
    }

    private async Task FollowAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var report = new HeadReport(logger, Chain, watchers.Value.HeadLogInterval);
        while (!ct.IsCancellationRequested)
        {
            if (await ReadSlotsAsync(ct) is { } slots)
            {
                await WriteHeadAsync(connection, slots.Processed, slots.Finalized, ct); // throws when the lock's connection is gone
                report.Seen(checked((long)slots.Processed), checked((long)slots.Finalized));
                try
                {
                    var summary = await scanner.PollAsync(ct);
                    RpcBack();
                    logger.LogDebug("{Chain} poll: {Monitored} quote(s) monitored, {Checked} looked up, {Judged} transaction(s) judged, {Recorded} recorded, {Invalid} invalid",
                        Chain, summary.Monitored, summary.Checked, summary.Judged, summary.Recorded, summary.Invalid);
                }
                catch (SolanaRpcException e)
                {
                    RpcDown(e);
                }
                catch (Exception e) when (LedgerOutage.Is(e))
                {
                    logger.LogWarning("{Chain}: the ledger failed during a poll; retrying: {Error}", Chain, e.Message);
                }
            }
            await Task.Delay(options.Value.PollInterval, ct);
        }
    }

    private async Task<(ulong Processed, ulong Finalized)?> ReadSlotsAsync(CancellationToken ct)
    {
        try
        {
            var client = rpc.For(Chain);
            var processed = await client.GetSlotAsync(SolanaCommitment.Processed, ct);
            var finalized = await client.GetSlotAsync(SolanaCommitment.Finalized, ct);
            return (processed, finalized);
        }
        catch (SolanaRpcException e)
        {
            RpcDown(e);
            return null;
        }
    }

    private void RpcDown(SolanaRpcException e)
    {
        if (_rpcDown)
        {
            logger.LogDebug("{Chain} RPC still unavailable: {Error}", Chain, e.Message);
            return;
        }
        _rpcDown = true;
        logger.LogWarning("{Chain} RPC unavailable, retrying every {Interval}: {Error}", Chain, options.Value.PollInterval, e.Message);
    }

    private void RpcBack()
    {
        if (_rpcDown)
        {
            _rpcDown = false;
            logger.LogInformation("{Chain} RPC answers again", Chain);
        }
    }

    private void LedgerBack()
    {
        if (_ledgerDown)
        {
            _ledgerDown = false;
            logger.LogInformation("Watcher of {Chain} reaches the ledger again", Chain);
        }
    }

    private async Task WriteHeadAsync(NpgsqlConnection connection, ulong processed, ulong finalized, CancellationToken ct)
    {
        await using var upsert = new NpgsqlCommand("""
            INSERT INTO chain_heads (chain, head, finalized, watcher_instance, seen_at) VALUES (@c, @h, @f, @i, now())
            ON CONFLICT (chain) DO UPDATE SET head = @h, finalized = @f, watcher_instance = @i, seen_at = now()
            """, connection);
        upsert.Parameters.AddWithValue("c", Chain);
        upsert.Parameters.AddWithValue("h", checked((long)processed));
        upsert.Parameters.AddWithValue("f", checked((long)finalized));
        upsert.Parameters.AddWithValue("i", instance.Value.ResolvedInstanceId);
        await upsert.ExecuteNonQueryAsync(ct);
    }

    private static async Task<bool> TryTakeLockAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtext('watcher:' || @c))", connection);
        cmd.Parameters.AddWithValue("c", Chain);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static async Task PauseAsync(TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // stopping
        }
    }
}
