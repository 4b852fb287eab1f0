using System.Diagnostics;
using System.Runtime.InteropServices;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Chains.Evm.Submitting;

namespace StratosBridge.Bench;

/// <summary>How a bench command runs and stops: Ctrl-C and SIGTERM cancel it, and its outcome becomes the exit code.</summary>
public static class BenchRun
{
    /// <summary>
    /// Runs <paramref name="run"/> with a token that Ctrl-C (a second one ends the process at once) and SIGTERM cancel;
    /// prints the time it took. Exit codes: what <paramref name="run"/> returns, 130 when interrupted, 1 when it failed
    /// (a refused start, a timeout, an RPC or contract error), with the reason on stderr.
    /// </summary>
    public static async Task<int> RunAsync(string name, Func<CancellationToken, Task<int>> run)
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = !stop.IsCancellationRequested; // a second Ctrl-C ends the process at once
            stop.Cancel();
        };
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        var clock = Stopwatch.StartNew();
        try
        {
            var exit = await run(stop.Token);
            Console.WriteLine($"the bench took {clock.Elapsed.TotalSeconds:0} s in all");
            return exit;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Console.Error.WriteLine("interrupted: everything the bench started has been stopped");
            return 130;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or EvmRpcException or HttpRequestException
                                      or ContractRevertedException)
        {
            Console.Error.WriteLine($"{name} bench failed: {e.Message}");
            return 1;
        }
    }

    /// <summary>For a server command: waits until Ctrl-C or the process is asked to exit; returns 0.</summary>
    public static async Task<int> UntilStoppedAsync()
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
        return 0;
    }
}
