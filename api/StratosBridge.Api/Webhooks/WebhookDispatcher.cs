using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using Npgsql;
using StratosBridge.Core.Background;
using StratosBridge.Core.Webhooks;
using StratosBridge.Ledger.Webhooks;

namespace StratosBridge.Api.Webhooks;

/// <summary>
/// The jobs role's webhook sender. Each round it turns the ledger's outbox into events (<see cref="WebhookEventTypes"/>
/// decides which), then claims due deliveries (several instances share them through <c>SKIP LOCKED</c>) and POSTs each,
/// signed (<see cref="WebhookSignature"/>), with its delivery id and whether it may have been sent before. A failed
/// delivery is tried again by the one back-off rule; an endpoint failing for <c>Webhooks:DisableAfter</c> is disabled with
/// an <c>ALARM</c>. Ordering is not promised: receivers dedupe by the event id.
/// </summary>
internal sealed class WebhookDispatcher(WebhookStore store, WebhookObjects objects, IHttpClientFactory http, IOptions<WebhookOptions> options,
    TimeProvider clock, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string DeliveryHeader = "StratosBridge-Delivery-Id";
    public const string EventHeader = "StratosBridge-Event-Id";
    public const string RedeliveryHeader = "StratosBridge-Is-Redelivery";
    public const string OriginalHeader = "StratosBridge-Original-Delivery-Id";

    private readonly string _worker = $"jobs:webhooks:{Environment.MachineName}:{Environment.ProcessId}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var loop = new BackgroundLoop("Webhook dispatcher", settings.PollInterval, TimeSpan.FromSeconds(30), logger)
        {
            IsExpected = e => e is NpgsqlException or TimeoutException,
            Time = clock,
        };
        await loop.RunAsync(async ct => await RoundAsync(settings, ct) ? LoopRound.Busy : LoopRound.Idle, stoppingToken);
    }

    /// <summary>One round; true when it found work (the next round follows at once).</summary>
    public async Task<bool> RoundAsync(WebhookOptions settings, CancellationToken ct)
    {
        var dispatched = await store.DispatchOutboxAsync(200, (subject, status, byCard) => WebhookEventTypes.For(subject, status, byCard), ct);
        var lease = settings.Timeout * 3 + TimeSpan.FromSeconds(30);
        var claimed = await store.ClaimAsync(_worker, settings.BatchSize, lease, ct);
        if (claimed.Count > 0)
        {
            var policy = new WebhookRetryPolicy(settings.RetryFirst, settings.RetryMax, settings.DisableAfter);
            await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism, CancellationToken = ct },
                async (delivery, token) => await DeliverAsync(delivery, settings, policy, token));
        }
        return dispatched > 0 || claimed.Count == settings.BatchSize;
    }

    private async Task DeliverAsync(ClaimedDelivery delivery, WebhookOptions settings, WebhookRetryPolicy policy, CancellationToken ct)
    {
        var body = delivery.Payload ?? await store.KeepPayloadAsync(delivery.EventId, await objects.BodyAsync(delivery, delivery.AccountId, ct), ct);
        var attempt = await SendAsync(delivery, body, settings, ct);
        var now = clock.GetUtcNow();
        var failingSince = await store.RecordAttemptAsync(delivery, attempt, now, now + policy.Next(delivery.Attempts, Random.Shared.NextDouble()),
            CancellationToken.None);
        if (attempt.Succeeded)
        {
            logger.LogInformation("Webhook {Event} ({Type}) delivered to endpoint {Endpoint} (delivery {Delivery}, attempt {Attempt})",
                delivery.EventId, delivery.Type, delivery.EndpointId, delivery.Id, delivery.Attempts);
            return;
        }
        logger.LogWarning("Webhook delivery {Delivery} of {Event} to endpoint {Endpoint} failed (attempt {Attempt}): {Error}",
            delivery.Id, delivery.EventId, delivery.EndpointId, delivery.Attempts, attempt.Error ?? $"HTTP {attempt.StatusCode}");
        if (failingSince is { } since && policy.GivesUp(since, now))
        {
            var note = $"disabled after failing since {since:yyyy-MM-dd'T'HH:mm:ss'Z'} without a success " +
                       $"(Webhooks:DisableAfter {settings.DisableAfter}); last error: {attempt.Error ?? $"HTTP {attempt.StatusCode}"}. " +
                       "Fix the receiver, then enable it again (POST /v1/account/webhooks/{id}/enable) and redeliver what it missed";
            await store.DisableFailingAsync(delivery.EndpointId, note, CancellationToken.None);
            logger.LogError("ALARM webhook endpoint {Endpoint} disabled: {Note}", delivery.EndpointId, note);
        }
    }

    private async Task<WebhookAttempt> SendAsync(ClaimedDelivery delivery, string body, WebhookOptions settings, CancellationToken ct)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var secrets = delivery.PreviousSecret is { } previous && delivery.PreviousSecretUntil > clock.GetUtcNow()
            ? new[] { delivery.Secret, previous }
            : [delivery.Secret];
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.UserAgent.ParseAdd("StratosBridge-Webhooks/1");
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Create(clock.GetUtcNow(), bytes, secrets));
        request.Headers.Add(EventHeader, delivery.EventId);
        request.Headers.Add(DeliveryHeader, delivery.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // sent again: asked for by the account, or this delivery was claimed before and may have reached the receiver
        request.Headers.Add(RedeliveryHeader, delivery.RedeliveryOf is not null || delivery.Attempts > 1 ? "true" : "false");
        if (delivery.RedeliveryOf is { } original)
        {
            request.Headers.Add(OriginalHeader, original.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        var watch = Stopwatch.StartNew();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(settings.Timeout);
        try
        {
            using var response = await http.CreateClient(WebhookHttp.ClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var answer = await ReadHeadAsync(response, deadline.Token);
            return new WebhookAttempt(Elapsed(watch), (int)response.StatusCode, null, answer);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new WebhookAttempt(Elapsed(watch), null, $"no answer within {settings.Timeout.TotalSeconds:0.#} s", null);
        }
        catch (HttpRequestException e)
        {
            return new WebhookAttempt(Elapsed(watch), null, e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message, null);
        }
    }

    /// <summary>The first bytes of the answer (at most <see cref="WebhookHttp.MaxAnswerBytes"/> read), as text.</summary>
    private static async Task<string?> ReadHeadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[WebhookHttp.MaxAnswerBytes];
        var read = 0;
        while (read < buffer.Length && await stream.ReadAsync(buffer.AsMemory(read), ct) is var n and > 0)
        {
            read += n;
        }
        return read == 0 ? null : Encoding.UTF8.GetString(buffer, 0, Math.Min(read, WebhookHttp.KeptBytes));
    }

    private static int Elapsed(Stopwatch watch) => (int)Math.Min(int.MaxValue, watch.ElapsedMilliseconds);
}
