using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using StratosBridge.Core.Background;
using StratosBridge.Fiat.Stripe;
using StratosBridge.Ledger.Fiat;

namespace StratosBridge.Fiat.Events;

/// <summary>
/// The jobs role's handler of recorded Stripe events: claims due events (several instances share the work through
/// <c>SKIP LOCKED</c>), handles each with <see cref="StripeEventHandler"/>, and backs off an event whose handling failed
/// (Stripe or the ledger unavailable) — doubling from <c>Fiat:EventRetry</c> up to 5 minutes — without stopping. The
/// loop itself is a <see cref="BackgroundLoop"/>: a failed round is logged and backed off, never the end of the worker.
/// </summary>
public sealed class StripeEventWorker(StripeEventStore events, StripeEventHandler handler, IOptions<FiatOptions> options,
    ILogger<StripeEventWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan MaxBackOff = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var loop = new BackgroundLoop("Stripe event worker", settings.EventPollInterval, MaxBackOff, logger)
        {
            IsExpected = e => e is NpgsqlException or TimeoutException,
        };
        await loop.RunAsync(async ct => await RoundAsync(settings, ct) > 0 ? LoopRound.Busy : LoopRound.Idle, stoppingToken);
    }

    /// <summary>One round: claims and handles a batch; returns how many events it took.</summary>
    public async Task<int> RoundAsync(FiatOptions settings, CancellationToken ct)
    {
        var batch = await events.ClaimAsync(settings.EventBatchSize, Lease, ct);
        foreach (var e in batch)
        {
            try
            {
                var (handled, note) = await handler.HandleAsync(e, ct);
                await events.CompleteAsync(e.Id, handled, note, ct);
                logger.LogInformation("Stripe event {Event} ({Type}) {Verdict}: {Note}", e.Id, e.Type, handled ? "handled" : "ignored", note);
            }
            catch (Exception x) when (x is StripeException or HttpRequestException or NpgsqlException or TimeoutException
                                           or InvalidOperationException or FormatException or System.Text.Json.JsonException)
            {
                var delay = TimeSpan.FromTicks(Math.Min(MaxBackOff.Ticks, settings.EventRetry.Ticks << Math.Min(e.Attempts - 1, 12)));
                logger.LogWarning("Stripe event {Event} ({Type}) failed (attempt {Attempt}), again in {Delay}: {Message}",
                    e.Id, e.Type, e.Attempts, delay, x.Message);
                await events.BackOffAsync(e.Id, delay, x.Message, CancellationToken.None);
            }
        }
        return batch.Count;
    }
}
