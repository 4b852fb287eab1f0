using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using StratosBridge.Chains.Stratos.Rest;
using StratosBridge.Core.Background;
using StratosBridge.Ledger.Leases;
using StratosBridge.Ledger.Prices;
using StratosBridge.Pricing.Ozone;

namespace StratosBridge.Pricing.Feeds;

/// <summary>
/// Price sources are polled once per cluster, not once per instance (N instances asking the providers N times would
/// risk their rate limits):
/// <list type="bullet">
/// <item>the instance holding the lease <see cref="Lease"/> (<see cref="ClusterLease"/>) fetches every configured source,
/// each on its own schedule with its own backoff (one failing, lying or hanging source never delays another), and records
/// each reading in the ledger (<see cref="PriceReadingStore"/>); when it dies, its lease goes with its connection and
/// another instance takes over within <see cref="LeaseInterval"/>;</item>
/// <item>every instance loads the ledger's readings into its <see cref="PriceBook"/> every <see cref="ReadInterval"/>.</item>
/// </list>
/// The Ozone price (Stratos REST, a node of our own rather than a rate-limited provider) is still read by each instance.
/// </summary>
public sealed class PriceFeedWorker(
    PriceBook book,
    PriceSourceFetcher fetcher,
    OzoneMarket ozone,
    PriceReadingStore readings,
    NpgsqlDataSource database,
    IOptions<PricingOptions> options,
    TimeProvider time,
    ILogger<PriceFeedWorker> logger) : BackgroundService
{
    public const string Lease = "price-poller";

    public static readonly TimeSpan ReadInterval = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan LeaseInterval = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    /// <summary>The last per-asset error logged, so a lasting one is logged when it starts and when it ends, not every poll.</summary>
    private readonly ConcurrentDictionary<(string Source, string Asset), string> _logged = new();

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loops = new List<Task> { ReadSharedAsync(stoppingToken) };
        if (book.Sources.Count > 0)
        {
            loops.Add(PollWhileHoldingLeaseAsync(stoppingToken));
        }
        var stratos = options.Value.Stratos;
        if (ozone.IsConfigured)
        {
            loops.Add(PollingLoop.RunAsync(StratosRestClient.Source, stratos.PollInterval, stratos.MaxBackoff,
                async ct =>
                {
                    await ozone.RefreshAsync(ct);
                    return (string?)null;
                },
                ozone.RecordFailure, logger, time, stoppingToken));
        }
        logger.LogInformation("Pricing: {Sources} price source(s) ({Names}), polled by the instance holding {Lease}; Ozone price from Stratos REST: {Ozone}",
            book.Sources.Count, string.Join(", ", book.Sources.Select(s => s.Name)), Lease, ozone.IsConfigured ? "yes" : "not configured");
        return Task.WhenAll(loops);
    }

    /// <summary>Every instance: the cluster's readings into this instance's price book.</summary>
    private Task ReadSharedAsync(CancellationToken stopping) =>
        new BackgroundLoop("Price book", ReadInterval, MaxBackoff, logger) { IsExpected = e => e is NpgsqlException, Time = time }
            .RunAsync(async ct =>
            {
                foreach (var row in await readings.AllAsync(ct))
                {
                    book.Load(row.Source, row.Asset, row.Price, row.ObservedAt, row.Error, row.ErrorAt);
                }
                return LoopRound.Idle;
            }, stopping);

    /// <summary>Polls the sources while this instance holds the lease; stops them when it loses it.</summary>
    private async Task PollWhileHoldingLeaseAsync(CancellationToken stopping)
    {
        await using var lease = new ClusterLease(database, Lease);
        CancellationTokenSource? polling = null;
        Task? sources = null;
        try
        {
            await new BackgroundLoop("Price poller lease", LeaseInterval, MaxBackoff, logger) { IsExpected = e => e is NpgsqlException, Time = time }
                .RunAsync(async ct =>
                {
                    var held = await lease.TryHoldAsync(ct);
                    if (held && polling is null)
                    {
                        logger.LogInformation("This instance polls the price sources for the cluster (lease {Lease})", Lease);
                        polling = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                        sources = Task.WhenAll(book.Sources.Select(source => PollAsync(source, polling.Token)));
                    }
                    else if (!held && polling is not null)
                    {
                        logger.LogWarning("Lease {Lease} lost: another instance polls the price sources now", Lease);
                        await StopAsync(polling, sources!);
                        polling = null;
                    }
                    return LoopRound.Idle;
                }, stopping);
        }
        finally
        {
            if (polling is not null)
            {
                await StopAsync(polling, sources!);
            }
        }
    }

    private static async Task StopAsync(CancellationTokenSource polling, Task sources)
    {
        await polling.CancelAsync();
        await sources;
        polling.Dispose();
    }

    private Task PollAsync(PriceSource source, CancellationToken ct) =>
        PollingLoop.RunAsync(source.Name, source.PollInterval, source.MaxBackoff,
            async token =>
            {
                var fetchedAt = time.GetUtcNow();
                IReadOnlyList<SourceReading> got;
                try
                {
                    got = await fetcher.FetchAsync(source, token);
                }
                catch (Exception e) when (PollingLoop.Describe(e) is { } error && !token.IsCancellationRequested)
                {
                    await readings.RecordErrorAsync(source.Name, source.Symbols.Keys.ToList(), error, fetchedAt, token);
                    throw;
                }
                foreach (var reading in got)
                {
                    if (reading.Price is { } price)
                    {
                        await readings.RecordPriceAsync(source.Name, reading.Asset, price, PriceBook.ObservedAt(reading, fetchedAt), fetchedAt, token);
                    }
                    else
                    {
                        await readings.RecordErrorAsync(source.Name, [reading.Asset], reading.Error ?? "no price", fetchedAt, token);
                    }
                    LogChange(source.Name, reading);
                }
                return got.Any(r => r.Price is not null)
                    ? null
                    : string.Join("; ", got.Select(r => r.Error).Distinct()); // every asset failed: the source failed
            },
            _ => { }, // recorded in the ledger by the attempt
            logger, time, ct);

    private void LogChange(string source, SourceReading reading)
    {
        var key = (source, reading.Asset);
        if (reading.Error is { } error)
        {
            if (_logged.TryGetValue(key, out var before) && before == error)
            {
                return;
            }
            _logged[key] = error;
            logger.LogWarning("Price source {Source} has no {Asset} price: {Error}", source, reading.Asset, error);
        }
        else if (_logged.TryRemove(key, out _))
        {
            logger.LogInformation("Price source {Source} prices {Asset} again", source, reading.Asset);
        }
    }
}
