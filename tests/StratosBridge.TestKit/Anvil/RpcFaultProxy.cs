using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Transactions;

namespace StratosBridge.TestKit.Anvil;

/// <summary>
/// A JSON-RPC front for a real node that misbehaves on purpose, for tests of the bridge's resilience (127.0.0.1 only):
/// it fails a share of calls (HTTP 503 before forwarding; 503 <i>after</i> forwarding, so the node acted but the
/// caller never heard; or a dropped connection), answers slowly, and refuses <c>eth_getLogs</c> ranges wider than a
/// limit with a provider-style "limit exceeded" error. Failures are drawn from a seeded random source. <see cref="Rewrite"/>
/// changes the node's answers (a node that answers nonsense). <see cref="StrictNonces"/> refuses a nonce gap as Stratos'
/// mempool does (anvil queues it), and <see cref="LoseFirstSendOf"/> plays a node that accepts a transaction and then
/// loses it (restarted, or evicted it from its pool).
/// </summary>
public sealed class RpcFaultProxy : IAsyncDisposable
{
    private static readonly HttpClient Upstream = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly WebApplication _app;
    private readonly Uri _target;
    private readonly Random _random;
    private readonly object _lock = new();
    private long _calls;
    private long _failures;
    private long _refusedRanges;
    private long _rewritten;
    private readonly HashSet<ulong> _toLose = [];
    private long _lost;
    private long _refusedNonces;

    private RpcFaultProxy(WebApplication app, Uri target, int port, int seed)
    {
        _app = app;
        _target = target;
        Url = new Uri($"http://127.0.0.1:{port}");
        _random = new Random(seed);
    }

    public Uri Url { get; }

    /// <summary>Share of calls (0–1) that fail.</summary>
    public double FailureRate { get; set; }

    /// <summary>Each answer is delayed by a random time up to this.</summary>
    public TimeSpan MaxDelay { get; set; }

    /// <summary><c>eth_getLogs</c> over more blocks than this is refused (0 = no limit).</summary>
    public int MaxLogRange { get; set; }

    /// <summary>JSON-RPC methods answered 503 without reaching the node (e.g. <c>eth_sendRawTransaction</c>: nothing is sent).</summary>
    public IReadOnlySet<string> UnavailableMethods { get; set; } = new HashSet<string>();

    /// <summary>
    /// Called with each request body and the node's answer: a non-null result is sent instead of the answer (counted in
    /// <see cref="Rewritten"/>).
    /// </summary>
    public Func<string, string, string?>? Rewrite { get; set; }

    /// <summary>
    /// When set, <c>eth_sendRawTransaction</c> of a nonce above the sender's next one (<c>pending</c> count) is refused as
    /// Ethermint's ante handler refuses it (<c>invalid nonce; got N, expected M: invalid sequence</c>), never queued.
    /// </summary>
    public bool StrictNonces { get; set; }

    /// <summary>
    /// The first <c>eth_sendRawTransaction</c> of each of these nonces is answered with the transaction's hash, as if
    /// accepted, and never reaches the node (counted in <see cref="Lost"/>); later sends of the nonce are forwarded.
    /// </summary>
    public void LoseFirstSendOf(params ulong[] nonces)
    {
        lock (_lock)
        {
            _toLose.UnionWith(nonces);
        }
    }

    public long Lost => Interlocked.Read(ref _lost);

    /// <summary>Transactions refused by <see cref="StrictNonces"/>.</summary>
    public long RefusedNonces => Interlocked.Read(ref _refusedNonces);

    public long Rewritten => Interlocked.Read(ref _rewritten);

    public long Calls => Interlocked.Read(ref _calls);

    public long Failures => Interlocked.Read(ref _failures);

    public long RefusedRanges => Interlocked.Read(ref _refusedRanges);

    public static async Task<RpcFaultProxy> StartAsync(Uri target, int seed = 1)
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort.Next();
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
            var app = builder.Build();
            var proxy = new RpcFaultProxy(app, target, port, seed);
            app.MapPost("/", proxy.HandleAsync);
            try
            {
                await app.StartAsync();
                return proxy;
            }
            catch (IOException) when (attempt < 3)
            {
                await app.DisposeAsync();
            }
        }
    }

    private double Next()
    {
        lock (_lock)
        {
            return _random.NextDouble();
        }
    }

    /// <summary>
    /// One HTTP exchange: a single request, or a JSON-RPC batch (an array). The random fault is rolled once per exchange, as a
    /// flaky network fails a whole request; the faults of a method (unavailable, lost sends, strict nonces, log ranges,
    /// rewrites) apply to each request of a batch, which is forwarded to the node one request at a time, in order.
    /// </summary>
    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _calls);
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        if (MaxDelay > TimeSpan.Zero)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Next() * MaxDelay.TotalMilliseconds));
        }
        var batch = BatchItems(body);
        var requests = batch ?? [body];
        if (UnavailableMethods.Count > 0 && requests.Any(r => MethodOf(r) is { } method && UnavailableMethods.Contains(method)))
        {
            Interlocked.Increment(ref _failures);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }
        // what the proxy answers itself (refused log ranges, lost or refused sends) is never failed at random
        var answers = new List<string?>();
        foreach (var request in requests)
        {
            answers.Add(await ProxyAnswerAsync(request));
        }
        var status = StatusCodes.Status200OK;
        if (answers.Any(a => a is null))
        {
            var roll = Next();
            var failing = roll < FailureRate;
            var kind = failing ? (int)(roll / FailureRate * 3) : -1;
            if (kind is 0 or 2)
            {
                Interlocked.Increment(ref _failures);
                if (kind == 0)
                {
                    context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                }
                else
                {
                    context.Features.Get<IHttpRequestLifetimeFeature>()?.Abort();
                }
                return;
            }
            for (var i = 0; i < requests.Count; i++)
            {
                if (answers[i] is null)
                {
                    (answers[i], var code) = await ForwardAsync(requests[i]);
                    status = batch is null ? code : status;
                }
            }
            if (kind == 1)
            {
                Interlocked.Increment(ref _failures); // the node acted; the caller hears a failure
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }
        }
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(batch is null ? answers[0]! : "[" + string.Join(",", answers) + "]");
    }

    /// <summary>The proxy's own answer to a request (a refused log range, a lost or refused send), or null to forward it.</summary>
    private async Task<string?> ProxyAnswerAsync(string request)
    {
        if (MaxLogRange > 0 && RefusedRange(request) is { } id)
        {
            Interlocked.Increment(ref _refusedRanges);
            return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":{\"code\":-32005,\"message\":\"query exceeds max block range " + MaxLogRange + "\"}}";
        }
        return await SendRawAnswerAsync(request);
    }

    /// <summary>The node's answer to one request (perhaps rewritten), with its HTTP status.</summary>
    private async Task<(string Answer, int Status)> ForwardAsync(string request)
    {
        using var forwarded = await Upstream.PostAsync(_target, new StringContent(request, Encoding.UTF8, "application/json"));
        var answer = await forwarded.Content.ReadAsStringAsync();
        if (Rewrite?.Invoke(request, answer) is { } rewritten)
        {
            Interlocked.Increment(ref _rewritten);
            answer = rewritten;
        }
        return (answer, (int)forwarded.StatusCode);
    }

    /// <summary>The requests of a JSON-RPC batch, each as its JSON text; null for a single request.</summary>
    private static List<string>? BatchItems(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement.EnumerateArray().Select(e => e.GetRawText()).ToList() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The answer to an <c>eth_sendRawTransaction</c> the proxy loses or refuses itself; null to forward it.</summary>
    private async Task<string?> SendRawAnswerAsync(string body)
    {
        bool losing;
        lock (_lock)
        {
            losing = _toLose.Count > 0;
        }
        if ((!StrictNonces && !losing) || MethodOf(body) != "eth_sendRawTransaction")
        {
            return null;
        }
        using var doc = JsonDocument.Parse(body);
        var id = doc.RootElement.GetProperty("id").GetRawText();
        var tx = SignedTransaction.Decode(Hex.Decode(doc.RootElement.GetProperty("params")[0].GetString()!));
        bool lose;
        lock (_lock)
        {
            lose = _toLose.Remove(tx.Transaction.Nonce);
        }
        if (lose)
        {
            Interlocked.Increment(ref _lost);
            return $"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":\"{tx.HashHex}\"}}";
        }
        if (StrictNonces)
        {
            var count = new StringContent(
                $"{{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getTransactionCount\",\"params\":[\"{tx.Sender.ToLowerHex()}\",\"pending\"]}}",
                Encoding.UTF8, "application/json");
            using var answer = await Upstream.PostAsync(_target, count);
            using var counted = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
            var expected = ulong.Parse(counted.RootElement.GetProperty("result").GetString()![2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (tx.Transaction.Nonce > expected)
            {
                Interlocked.Increment(ref _refusedNonces);
                return $"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"error\":{{\"code\":-32000,\"message\":" +
                       $"\"invalid nonce; got {tx.Transaction.Nonce}, expected {expected}: invalid sequence\"}}}}";
            }
        }
        return null;
    }

    private static string? MethodOf(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("method", out var m) ? m.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The request id of an eth_getLogs asking for more than <see cref="MaxLogRange"/> blocks, or null.</summary>
    private string? RefusedRange(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || root.GetProperty("method").GetString() != "eth_getLogs")
            {
                return null;
            }
            var filter = root.GetProperty("params")[0];
            if (Block(filter, "fromBlock") is { } from && Block(filter, "toBlock") is { } to && to - from + 1 > MaxLogRange)
            {
                return root.GetProperty("id").GetRawText();
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
        }
        return null;
    }

    private static long? Block(JsonElement filter, string name) =>
        filter.TryGetProperty(name, out var value) && value.GetString() is { } text && text.StartsWith("0x", StringComparison.Ordinal)
            ? long.Parse(text[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : null;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
