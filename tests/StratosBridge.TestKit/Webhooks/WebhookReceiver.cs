using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace StratosBridge.TestKit.Webhooks;

/// <summary>One request the receiver got: its headers (lower-case names), its body, and what it was answered.</summary>
public sealed record ReceivedWebhook(int Index, DateTimeOffset At, IReadOnlyDictionary<string, string> Headers, string Body, int? AnsweredStatus)
{
    public string Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : "";
}

/// <summary>
/// A webhook receiver on 127.0.0.1, as an integrator would run one, that behaves as the test says: <see cref="Behave"/>
/// decides, per request (numbered from 0), to answer a status or to hang (no answer until the caller gives up). Every
/// request is recorded, with whether it was answered and how.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private int _count;

    private WebhookReceiver(WebApplication app, int port)
    {
        _app = app;
        Url = new Uri($"http://127.0.0.1:{port}/hooks");
    }

    public Uri Url { get; }

    /// <summary>The answer to request <c>n</c>: a status code, or null to hang. Default: 200 to everything.</summary>
    public Func<int, int?> Behave { get; set; } = _ => 200;

    public IReadOnlyList<ReceivedWebhook> Received => _received.OrderBy(r => r.Index).ToList();

    public static async Task<WebhookReceiver> StartAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort.Next();
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
            var app = builder.Build();
            var receiver = new WebhookReceiver(app, port);
            app.MapPost("/hooks", receiver.HandleAsync);
            try
            {
                await app.StartAsync();
                return receiver;
            }
            catch (IOException) when (attempt < 3)
            {
                await app.DisposeAsync();
            }
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var index = Interlocked.Increment(ref _count) - 1;
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        var status = Behave(index);
        _received.Enqueue(new ReceivedWebhook(index, DateTimeOffset.UtcNow, headers, body, status));
        if (status is null)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted); // hangs until the sender gives up
            }
            catch (OperationCanceledException)
            {
            }
            return;
        }
        context.Response.StatusCode = status.Value;
        await context.Response.WriteAsync(status.Value is >= 200 and < 300 ? "ok" : $"receiver says {status.Value}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
