using System.Collections.Concurrent;
using System.Diagnostics;

namespace StratosBridge.TestKit;

/// <summary>
/// A server process a test started: output captured in memory (last lines kept for failure messages),
/// stopped by its own pid on dispose. <see cref="Kill"/> is a hard SIGKILL, for crash tests.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _tail = new();
    private readonly ConcurrentQueue<string> _alarms = new();
    private long _lines;

    private ChildProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public string OutputTail => string.Join('\n', _tail);

    /// <summary>Every line it printed that carries an <c>ALARM</c>, all of them (the tail keeps only the last lines).</summary>
    public IReadOnlyList<string> Alarms => _alarms.ToArray();
    /// <summary>Lines written so far (stdout and stderr), all of them, not only the kept tail.</summary>
    public long LinesWritten => Interlocked.Read(ref _lines);

    public static ChildProcess Start(string name, string fileName, IEnumerable<string> args,
        IDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepoPaths.Root,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        if (environment is not null)
        {
            foreach (var (k, v) in environment)
            {
                psi.Environment[k] = v;
            }
        }
        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var child = new ChildProcess(process, name);
        process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"could not start {name} ({fileName})");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>SIGKILL: no shutdown hooks run, exactly like a crashed host.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await Task.CompletedTask;
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        Interlocked.Increment(ref _lines);
        _tail.Enqueue(line);
        if (line.Contains("ALARM", StringComparison.Ordinal))
        {
            _alarms.Enqueue(line);
        }
        while (_tail.Count > 200 && _tail.TryDequeue(out _))
        {
        }
    }
}
