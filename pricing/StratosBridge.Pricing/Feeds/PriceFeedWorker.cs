using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StratosBridge.Chains.Stratos.Rest;
using StratosBridge.Pricing.Ozone;

namespace StratosBridge.Pricing.Feeds;

/// <summary>
/// Fetches every configured source in the background, each on its own schedule with its own backoff (one failing,
/// lying or hanging source never delays another), and the Ozone price from Stratos REST.
/// </summary>
public sealed class PriceFeedWorker(
    PriceBook book,
    PriceSourceFetcher fetcher,
    OzoneMarket ozone,
    IOptions<PricingOptions> options,
    TimeProvider time,
    ILogger<PriceFeedWorker> logger) : BackgroundService
{
    /// <summary>The last per-asset error logged, so a lasting one is logged when it starts and when it ends, not every poll.</summary>
    private readonly ConcurrentDictionary<(string Source, string Asset), string> _logged = new();

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loops = book.Sources.Select(source => PollingLoop.RunAsync(source.Name, source.PollInterval, source.MaxBackoff,
            async ct =>
            {
                var readings = await fetcher.FetchAsync(source, ct);
                book.Record(source.Name, readings, time.GetUtcNow());
                foreach (var reading in readings)
                {
                    LogChange(source.Name, reading);
                }
                return readings.Any(r => r.Price is not null)
                    ? null
                    : string.Join("; ", readings.Select(r => r.Error).Distinct()); // every asset failed: the source failed
            },
            error => book.RecordFailure(source.Name, error, time.GetUtcNow()),
            logger, time, stoppingToken)).ToList();

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
        logger.LogInformation("Pricing: {Sources} price source(s) ({Names}), Ozone price from Stratos REST: {Ozone}",
            book.Sources.Count, string.Join(", ", book.Sources.Select(s => s.Name)), ozone.IsConfigured ? "yes" : "not configured");
        return Task.WhenAll(loops);
    }

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
