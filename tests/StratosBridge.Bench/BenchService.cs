using System.Globalization;
using StratosBridge.TestKit;

namespace StratosBridge.Bench;

/// <summary>
/// The real service (the Release build of <c>api/StratosBridge.Api</c>) as a child process of a bench, configured only by
/// environment variables, on a free loopback port; started once it answers <c>/health/live</c>, stopped by its pid on dispose.
/// </summary>
public sealed class BenchService : IAsyncDisposable
{
    private BenchService(ChildProcess process, HttpClient http)
    {
        Process = process;
        Http = http;
    }

    public static string DefaultDll => Path.Combine(RepoPaths.Root, "api", "StratosBridge.Api", "bin", "Release", "net10.0", "StratosBridge.dll");

    public ChildProcess Process { get; }

    /// <summary>A client with the service's base address.</summary>
    public HttpClient Http { get; }

    /// <summary>
    /// Starts <paramref name="dll"/> and waits until it answers /health/live; throws <see cref="InvalidOperationException"/>
    /// with the end of its output when it exits or stays silent for a minute.
    /// </summary>
    public static async Task<BenchService> StartAsync(string dll, IDictionary<string, string?> environment, int maxConnections = 16)
    {
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} does not exist: build it (dotnet build api/StratosBridge.Api -c Release)");
        }
        var port = FreePort.Next();
        var env = new Dictionary<string, string?>(environment) { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" };
        foreach (var policy in (string[])["Quotes", "Lookups", "CheckoutReturn"])
        {
            // every bench client is one address: the bench measures the service, not its per-client rate limits
            env.TryAdd($"RateLimits__{policy}__PermitLimit", "1000000");
        }
        var process = ChildProcess.Start("stratosbridge", "dotnet", [dll], env);
        var service = new BenchService(process, new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = maxConnections })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromSeconds(30),
        });
        try
        {
            await service.WaitUntilAsync("/health/live", TimeSpan.FromSeconds(60));
            return service;
        }
        catch (InvalidOperationException)
        {
            await service.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until <paramref name="path"/> answers 2xx; throws <see cref="InvalidOperationException"/> if the service exits or the time runs out.</summary>
    public async Task WaitUntilAsync(string path, TimeSpan within)
    {
        try
        {
            await Eventually.HoldsAsync(async () => Process.HasExited || (await Http.GetAsync(path)).IsSuccessStatusCode, within,
                $"the service to answer {path}");
        }
        catch (TimeoutException e)
        {
            throw new InvalidOperationException($"the service did not answer {path}: {e.Message}\n{Process.OutputTail}", e);
        }
        if (Process.HasExited)
        {
            throw new InvalidOperationException($"the service exited:\n{Process.OutputTail}");
        }
    }

    /// <summary>The service's peak resident set so far (VmHWM in /proc/{pid}/status), in bytes.</summary>
    public long PeakMemoryBytes()
    {
        var line = File.ReadLines($"/proc/{Process.Pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Process.DisposeAsync();
    }
}
