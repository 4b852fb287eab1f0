using System.Diagnostics;
using StratosBridge.TestKit;

namespace StratosBridge.Tests.Integration.Hosting;

/// <summary>
/// The real StratosBridge executable as a child process (so a test can SIGKILL it like a crash), configured only by
/// environment variables, listening on a free loopback port.
/// </summary>
public static class ServiceProcess
{
    private static string Dll
    {
        get
        {
            // The test assembly references the API project, so the executable is built next to it.
            var dll = Path.Combine(AppContext.BaseDirectory, "StratosBridge.dll");
            return File.Exists(dll) ? dll : throw new InvalidOperationException($"StratosBridge.dll not found at {dll}");
        }
    }

    public static Dictionary<string, string?> Environment(string connectionString, string roles, string instance) => new()
    {
        ["Database__ConnectionString"] = connectionString,
        ["Roles"] = roles,
        ["Jobs__InstanceId"] = instance,
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["Logging__LogLevel__Default"] = "Information",
        // Off unless a test is about them: test classes reuse their chains with a fresh ledger per test, which reconciliation
        // rightly reports as a breach, and some tests pause a contract on-chain to make relaying fail (Safety tests turn them on).
        ["Safety__ReconciliationCron"] = "",
        ["Safety__OnChainPauseCron"] = "",
    };

    /// <summary>
    /// Starts the service and waits for /health/live; returns the process and its base URL. Rate limits are ones no test
    /// reaches (<see cref="Api.InProcessApi.GenerousRateLimits"/>) unless <paramref name="environment"/> sets them. A free
    /// port can be taken by another process between being chosen and being bound (a busy machine runs many servers): a
    /// service that exits because its address is in use is started again on another port, up to three times.
    /// </summary>
    public static async Task<(ChildProcess Process, Uri Url)> StartAsync(string name, IDictionary<string, string?> environment)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnFreePortAsync(name, environment);
            }
            catch (InvalidOperationException e) when (attempt < 3 && e.Message.Contains("address already in use", StringComparison.Ordinal))
            {
                Console.Error.WriteLine($"{name}: its port was taken before it bound it; starting it again on another port");
            }
        }
    }

    private static async Task<(ChildProcess Process, Uri Url)> StartOnFreePortAsync(string name, IDictionary<string, string?> environment)
    {
        var port = FreePort.Next();
        var env = new Dictionary<string, string?>(environment) { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" };
        foreach (var (key, value) in Api.InProcessApi.GenerousRateLimits) // tests poll from one address; set a key to test a limit
        {
            env.TryAdd(key.Replace(":", "__", StringComparison.Ordinal), value);
        }
        var process = ChildProcess.Start(name, "dotnet", [Dll], env);
        var url = new Uri($"http://127.0.0.1:{port}");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            // Done when it answers, or when it has exited (then there is nothing to wait for).
            await Eventually.HoldsAsync(async () => process.HasExited || (await http.GetAsync(new Uri(url, "/health/live"))).IsSuccessStatusCode,
                TimeSpan.FromMinutes(5), $"{name} to answer /health/live"); // minutes: a busy machine starts a .NET host slowly
            if (process.HasExited)
            {
                throw new TimeoutException("it exited");
            }
        }
        catch (TimeoutException e)
        {
            var tail = process.OutputTail;
            await process.DisposeAsync();
            throw new InvalidOperationException($"{name} did not start:\n{tail}", e);
        }
        return (process, url);
    }

    /// <summary>Runs the service expecting it to refuse to start; returns its exit code and all it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(IDictionary<string, string?> environment)
    {
        var psi = new ProcessStartInfo("dotnet", [Dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (k, v) in environment)
        {
            psi.Environment[k] = v;
        }
        psi.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort.Next()}";
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the service kept running although it was expected to refuse to start");
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
