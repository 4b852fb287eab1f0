using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using StratosBridge.TestKit;

namespace StratosBridge.Tests.Unit.Evm.Rpc;

/// <summary>
/// A real HTTP server on 127.0.0.1 (HttpListener) standing in for a misbehaving node: it answers each request with
/// what the test's script says (status codes, JSON-RPC errors in real node wordings, delays) and counts requests.
/// Disposing stops it and aborts answers still waiting.
/// </summary>
public sealed class JsonRpcStubServer : IAsyncDisposable
{
    /// <summary>
    /// Test classes that start stub servers share this collection, so they run one at a time: the managed
    /// <see cref="HttpListener"/> keeps a process-wide endpoint table that races when listeners on fresh ports open
    /// and close in parallel ("Address already in use" from <c>Close</c>).
    /// </summary>
    public const string Collection = "json-rpc-stub-servers";

    private readonly HttpListener _listener;
    private readonly Func<StubCall, StubReply> _script;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<Task> _handlers = new();
    private readonly Task _loop;
    private int _requests;
    private Exception? _scriptError;

    private JsonRpcStubServer(HttpListener listener, Uri url, Func<StubCall, StubReply> script)
    {
        _listener = listener;
        _script = script;
        Url = url;
        _loop = Task.Run(AcceptLoopAsync);
    }

    public Uri Url { get; }

    public int RequestCount => Volatile.Read(ref _requests);

    public static JsonRpcStubServer Start(Func<StubCall, StubReply> script)
    {
        for (var attempt = 0; ; attempt++)
        {
            var url = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
            var listener = new HttpListener();
            listener.Prefixes.Add(url.ToString());
            try
            {
                listener.Start();
                return new JsonRpcStubServer(listener, url, script);
            }
            catch (HttpListenerException) when (attempt < 3)
            {
                listener.Close(); // lost a port race; try another port
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            _listener.Close();
        }
        catch (HttpListenerException)
        {
            // Managed HttpListener bug: Close can re-resolve the endpoint and fail to bind; the listener is already stopped.
        }
        await _loop;
        await Task.WhenAll(_handlers);
        _stop.Dispose();
        if (_scriptError is not null)
        {
            throw new InvalidOperationException("the stub's script failed", _scriptError);
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }
            _handlers.Enqueue(Task.Run(() => AnswerAsync(context)));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            string text;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                text = await reader.ReadToEndAsync();
            }
            var number = Interlocked.Increment(ref _requests);
            StubReply reply;
            using (var body = JsonDocument.Parse(text))
            {
                reply = _script(new StubCall(number, body.RootElement.Clone()));
            }
            if (reply.Delay is { } delay)
            {
                await Task.Delay(delay, _stop.Token);
            }
            var bytes = Encoding.UTF8.GetBytes(reply.Body);
            context.Response.StatusCode = reply.Status;
            context.Response.ContentType = reply.Body.StartsWith('<') ? "text/html" : "application/json";
            foreach (var (name, value) in reply.Headers)
            {
                context.Response.Headers[name] = value;
            }
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes, _stop.Token);
            context.Response.Close();
        }
        catch (Exception e) when (e is OperationCanceledException or HttpListenerException or IOException or ObjectDisposedException)
        {
            // stopped, or the client gave up (timeout) before the answer
            try
            {
                context.Response.Abort();
            }
            catch (ObjectDisposedException)
            {
            }
        }
        catch (Exception e)
        {
            _scriptError ??= e;
            context.Response.StatusCode = 400; // permanent: the test fails fast, and loudly at dispose
            context.Response.Close();
        }
    }
}
