using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using StratosBridge.Chains.JsonRpc;
using StratosBridge.Chains.Solana.Rpc;
using StratosBridge.Core.Background;
using StratosBridge.Relayer.Jobs;
using StratosBridge.Relayer.Relaying;

namespace StratosBridge.Relayer.Watchers;

/// <summary>
/// The Solana part of the <c>watchers</c> role: exactly one instance across the deployment follows Solana Pay payments.
/// Leadership is the PostgreSQL session advisory lock <c>watcher:solana</c> on a dedicated connection, as for the EVM
/// chains (<see cref="ChainWatcher"/>): when the holder dies its connection closes and another instance takes over within
/// <see cref="WatcherOptions.TakeoverInterval"/>. While it holds the lock, every <see cref="SolanaWatcherOptions.PollInterval"/>
/// it writes the cluster's processed and finalized slots to <c>chain_heads</c> (on the lock's connection, so a lost lock
/// is noticed at once) and runs <see cref="SolanaPaymentScanner.PollAsync"/>. It runs as a <see cref="BackgroundLoop"/>:
/// RPC and ledger outages are logged when they start and when they end, faults of ours with an <c>ALARM</c>, and both
/// are backed off and retried; nothing but the host's stopping ends it.
/// </summary>
public sealed class SolanaPaymentWatcher(
    NpgsqlDataSource database,
    IRpcClientFactory<SolanaRpcClient> rpc,
    SolanaPaymentScanner scanner,
    IOptions<SolanaWatcherOptions> options,
    IOptions<WatcherOptions> watchers,
    IOptions<JobsOptions> instance,
    ILogger<SolanaPaymentWatcher> logger) : BackgroundService
{
    private const string Chain = SolanaWatcherOptions.Chain;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["Chain"] = Chain });
        var id = instance.Value.ResolvedInstanceId;
        await using var lease = new WatcherLease(database, Chain, id);
        var report = new HeadReport(logger, Chain, watchers.Value.HeadLogInterval);
        var loop = new BackgroundLoop($"Watcher of {Chain}", options.Value.PollInterval, watchers.Value.MaxBackoff, logger)
        {
            IsExpected = Outage.Is,
        };
        await loop.RunAsync(async ct =>
            await lease.PollAsync(() =>
                {
                    logger.LogInformation("Watching {Chain}: this instance ({Instance}) holds the chain's watcher lock; payments to {Recipient}",
                        Chain, id, scanner.Recipient.ToString());
                    scanner.Forget(); // another instance may have watched meanwhile
                }, held => PollAsync(held, report, ct), ct)
                ? LoopRound.Idle
                : LoopRound.After(watchers.Value.TakeoverInterval), stoppingToken);
    }

    private async Task PollAsync(WatcherLease lease, HeadReport report, CancellationToken ct)
    {
        var client = rpc.For(Chain);
        var processed = await client.GetSlotAsync(SolanaCommitment.Processed, ct);
        var finalized = await client.GetSlotAsync(SolanaCommitment.Finalized, ct);
        await lease.WriteHeadAsync(checked((long)processed), checked((long)finalized), ct); // throws when the lock's connection is gone
        report.Seen(checked((long)processed), checked((long)finalized));
        var summary = await scanner.PollAsync(ct);
        logger.LogDebug("{Chain} poll: {Monitored} quote(s) monitored, {Listed} new signature(s) of the recipient looked up, {Read} transaction(s) read, {Recorded} recorded, {Invalid} invalid",
            Chain, summary.Monitored, summary.Listed, summary.Read, summary.Recorded, summary.Invalid);
    }
}
