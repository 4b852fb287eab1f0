using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace StratosBridge.Tests.Integration.Fiat;

/// <summary>A webhook endpoint on 127.0.0.1 that keeps every delivery's signature header and exact body bytes and answers 200.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<Delivery> _deliveries = new();
    private WebApplication _app = null!;

    public Uri Endpoint { get; private set; } = null!;

    public IReadOnlyList<Delivery> Deliveries => [.. _deliveries];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/webhooks/stripe", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            var headers = context.Request.Headers;
            receiver._deliveries.Enqueue(new Delivery(
                headers.TryGetValue("Stripe-Signature", out var signature) ? signature.ToString() : null,
                context.Request.ContentType, headers.UserAgent.ToString(), body.ToArray()));
            return Results.Ok();
        });
        await app.StartAsync();
        receiver._app = app;
        receiver.Endpoint = new Uri(new Uri(app.Urls.Single()), "/webhooks/stripe");
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public sealed record Delivery(string? Signature, string? ContentType, string UserAgent, byte[] Body);
}
