using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Core.Background;
using StratosBridge.Relayer.Configuration;
using StratosBridge.Relayer.Jobs;
using StratosBridge.Relayer.Relaying;

namespace StratosBridge.Relayer.Watchers;

/// <summary>
/// The <c>watchers</c> role: for each configured chain, exactly one instance across the deployment watches it.
/// Leadership is a PostgreSQL session advisory lock on a dedicated connection: when the holder dies its connection
/// closes, the lock is freed, and another instance takes over within <see cref="WatcherOptions.TakeoverInterval"/>.
/// While it holds the lock the watcher follows the chain's head and finalized block into <c>chain_heads</c> and, on
/// chains with vaults, the vaults' locks (<see cref="ChainScanner"/>).
/// Each chain has its own loop (<see cref="BackgroundLoop"/>), which owns that chain's lock connection and scanner: a
/// fault on one chain (its node, or a bug its data triggers) is logged and backed off in that chain's loop alone.
/// </summary>
public sealed class ChainWatcher(
    NpgsqlDataSource database,
    ChainClients chains,
    IServiceProvider services,
    IOptions<WatcherOptions> options,
    IOptions<JobsOptions> instance,
    ILogger<ChainWatcher> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(chains.Names.Select(chain => WatchAsync(chain, stoppingToken)));

    /// <summary>One chain's loop until the host stops. Its state (lock connection, scanner) lives here and nowhere else.</summary>
    private async Task WatchAsync(string chain, CancellationToken ct)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["Chain"] = chain });
        var settings = options.Value;
        var id = instance.Value.ResolvedInstanceId;
        var scanner = ActivatorUtilities.CreateInstance<ChainScanner>(services, chain);
        await using var lease = new WatcherLease(database, chain, id);
        var report = new HeadReport(logger, chain, settings.HeadLogInterval);
        var pairs = new VaultPairWatch(chain, chains, services.GetRequiredService<BridgeRoutes>(), settings.PairCheckInterval, logger);
        var loop = new BackgroundLoop($"Watcher of {chain}", settings.PollInterval, settings.MaxBackoff, logger) { IsExpected = Outage.Is };
        await loop.RunAsync(async round =>
            await lease.PollAsync(
                () => logger.LogInformation("Watching {Chain}: this instance ({Instance}) holds the chain's watcher lock", chain, id),
                held => PollAsync(held, scanner, report, pairs, round), round)
                ? LoopRound.Idle
                : LoopRound.After(settings.TakeoverInterval), ct);
    }

    /// <summary>One poll: the head and finalized block into <c>chain_heads</c> (on the lock's connection), the scanner, the vault pairs.</summary>
    private async Task PollAsync(WatcherLease lease, ChainScanner scanner, HeadReport report, VaultPairWatch pairs, CancellationToken ct)
    {
        var rpc = chains.Rpc(scanner.Chain);
        var head = await rpc.BlockNumberAsync(ct);
        var finalized = await FinalizedAsync(rpc, ct);
        await lease.WriteHeadAsync(head, finalized, ct);
        report.Seen(head, finalized);
        await scanner.PollAsync(head, finalized, $"watcher:{instance.Value.ResolvedInstanceId}", ct);
        await pairs.CheckIfDueAsync(ct);
    }

    /// <summary>
    /// The <c>finalized</c> block's number, or null for a node that does not know the tag (or cannot answer now: the final
    /// height then falls back to the confirmations). A block without its number is no such answer: it propagates.
    /// </summary>
    internal static async Task<long?> FinalizedAsync(EvmRpcClient rpc, CancellationToken ct)
    {
        try
        {
            return (await rpc.GetBlockByNumberAsync(EvmBlocks.Finalized, ct))?.Number.ToLong();
        }
        catch (EvmRpcException e) when (e is not { Kind: EvmRpcErrorKind.InvalidResponse, IsTransient: false })
        {
            return null;
        }
    }
}
