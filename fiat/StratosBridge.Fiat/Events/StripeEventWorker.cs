using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using StratosBridge.Core.Background;
using StratosBridge.Ledger.Fiat;

namespace StratosBridge.Fiat.Events;

/// <summary>
/// The jobs role's handler of recorded Stripe events: claims due events (several instances share the work through
/// <c>SKIP LOCKED</c>), handles each with <see cref="StripeEventHandler"/>, and backs off an event whose handling failed
/// — doubling from <c>Fiat:EventRetry</c> up to 5 minutes — until <c>Fiat:EventMaxAttempts</c>, then dead-letters it for
/// operators; an event of another API version than Stripe.net's is dead-lettered at once (retrying cannot help). It also abandons checkouts left in <c>creating</c> past <c>Fiat:CreatingTimeout</c>. The loop itself is a
/// <see cref="BackgroundLoop"/>: a failed round is logged and backed off, never the end of the worker.
/// </summary>
public sealed class StripeEventWorker(StripeEventStore events, CheckoutStore checkouts, StripeEventHandler handler, IOptions<FiatOptions> options,
    ILogger<StripeEventWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan MaxBackOff = TimeSpan.FromMinutes(5);
    private const string Actor = "jobs:stripe-events";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var loop = new BackgroundLoop("Stripe event worker", settings.EventPollInterval, MaxBackOff, logger)
        {
            IsExpected = e => e is NpgsqlException or TimeoutException,
        };
        await loop.RunAsync(async ct => await RoundAsync(settings, ct) > 0 ? LoopRound.Busy : LoopRound.Idle, stoppingToken);
    }

    /// <summary>
    /// One round: abandons checkouts left in <c>creating</c>, then claims and handles a batch of events; returns how many
    /// events it took. An event whose handling fails is backed off, and dead-lettered with an <c>ALARM</c> once it has
    /// failed <see cref="FiatOptions.EventMaxAttempts"/> times (or its earlier attempts never finished: the handler died).
    /// </summary>
    public async Task<int> RoundAsync(FiatOptions settings, CancellationToken ct)
    {
        foreach (var abandoned in await checkouts.AbandonStaleCreatingAsync(settings.CreatingTimeout, Actor, ct))
        {
            logger.LogWarning("Checkout {Checkout} of account {Account} abandoned: still creating after {Timeout} (the request ended before " +
                              "the Stripe call); it no longer counts against the monthly limit", abandoned.Id, abandoned.AccountId, settings.CreatingTimeout);
        }
        var batch = await events.ClaimAsync(settings.EventBatchSize, Lease, ct);
        foreach (var e in batch)
        {
            if (e.Attempts > settings.EventMaxAttempts)
            {
                await DeadLetterAsync(e, "its last attempts never finished (the handler stopped while holding it)");
                continue;
            }
            try
            {
                var (handled, note) = await handler.HandleAsync(e, ct);
                await events.CompleteAsync(e.Id, handled, note, ct);
                logger.LogInformation("Stripe event {Event} ({Type}) {Verdict}: {Note}", e.Id, e.Type, handled ? "handled" : "ignored", note);
            }
            catch (StripeApiVersionException x)
            {
                await DeadLetterAsync(e, $"another API version: {x.Message}");
            }
            catch (Exception x) when (x is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                if (e.Attempts >= settings.EventMaxAttempts)
                {
                    await DeadLetterAsync(e, x.Message);
                    continue;
                }
                var delay = TimeSpan.FromTicks(Math.Min(MaxBackOff.Ticks, settings.EventRetry.Ticks << Math.Min(e.Attempts - 1, 12)));
                logger.LogWarning("Stripe event {Event} ({Type}) failed (attempt {Attempt}), again in {Delay}: {Message}",
                    e.Id, e.Type, e.Attempts, delay, x.Message);
                await events.BackOffAsync(e.Id, delay, x.Message, CancellationToken.None);
            }
        }
        return batch.Count;
    }

    private async Task DeadLetterAsync(StripeEventRow e, string error)
    {
        if (await events.DeadLetterAsync(e.Id, error, CancellationToken.None))
        {
            logger.LogError("ALARM Stripe event {Event} ({Type}, object {Object}) dead-lettered after {Attempts} attempts: {Error}; " +
                            "once the cause is fixed, an operator re-queues it with its replay (POST /v1/admin/stripe-events/…/replay)",
                e.Id, e.Type, e.ObjectId, e.Attempts, error);
        }
    }
}
