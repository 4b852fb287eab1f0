using System.Globalization;
using System.Text.RegularExpressions;
using StratosBridge.TestKit;

namespace StratosBridge.Tests.Integration.Ops;

/// <summary>
/// ops/run on a devnet of its own (<see cref="PrivateDevnet"/>), in a process group of its own (<c>setsid</c>), as a
/// terminal runs it: a signal to the whole group (Ctrl-C is SIGINT to the terminal's foreground group) stops the service and
/// every devnet process the script started.
/// </summary>
public sealed partial class RunScriptTests
{
    /// <summary>What README promises for Ctrl-C and SIGTERM.</summary>
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task A_signal_to_its_process_group_stops_the_service_and_every_devnet_process_it_started(string signal)
    {
        await using var devnet = new PrivateDevnet();
        // A terminal never starts a script with SIGINT ignored, but a test host started in the background (nohup, `cmd &` in a
        // script) passes SIG_IGN down, and bash cannot trap a signal ignored on entry: reset it, as a terminal has it.
        var script = ChildProcess.Start("ops/run", "env", ["--default-signal=INT,TERM", "setsid", PrivateDevnet.Script("run")],
            devnet.Env.ToDictionary(e => e.Key, string? (e) => e.Value));
        await using var _ = script;
        // env and setsid run the script in place (the test host's child leads no group): its pid becomes the new group's id.
        await Eventually.HoldsAsync(() => Task.FromResult(GroupOf(script.Pid) == script.Pid), TimeSpan.FromSeconds(60),
            "ops/run to lead a process group of its own");
        // Setting up, starting the devnet and the service takes minutes on a busy machine; the banner says it is done.
        var banner = await Eventually.HoldsAsync(() => Task.FromResult(Banner().Match(script.OutputTail)),
            m => m.Success || script.HasExited, TimeSpan.FromMinutes(10), "the banner of ops/run");
        Assert.True(banner.Success, $"ops/run ended before its banner:\n{script.OutputTail}");
        var servicePid = int.Parse(banner.Groups[1].Value, CultureInfo.InvariantCulture);

        var started = StartedBy(script.Pid, [servicePid, .. devnet.RecordedPids()]);
        Assert.True(started.Count >= 9, $"expected the script, the service and seven devnet processes, found {started.Count}");
        await ToolRunner.RunAsync("kill", ["-s", signal, "--", $"-{script.Pid}"]);

        try
        {
            await Eventually.HoldsAsync(() => Task.FromResult(string.Join(", ", started.Where(p => p.IsRunning))), left => left.Length == 0, StopLimit,
                $"every process ops/run started to end after SIG{signal}");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{script.OutputTail}", e);
        }
    }

    /// <summary>The script, the given pids and all their descendants, as they run now.</summary>
    private static List<RunningProcess> StartedBy(int scriptPid, IEnumerable<int> roots)
    {
        var all = Directory.GetDirectories("/proc").Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? RunningProcess.Read(pid) : null)
            .OfType<RunningProcess>().ToList();
        var found = new Dictionary<int, RunningProcess>();
        var queue = new Queue<int>(roots.Prepend(scriptPid));
        while (queue.TryDequeue(out var pid))
        {
            if (found.ContainsKey(pid) || all.FirstOrDefault(p => p.Pid == pid) is not { } process)
            {
                continue;
            }
            found[pid] = process;
            foreach (var child in all.Where(p => p.Parent == pid))
            {
                queue.Enqueue(child.Pid);
            }
        }
        return found.Values.ToList();
    }

    private static int GroupOf(int pid) => RunningProcess.Read(pid)?.Group ?? -1;

    [GeneratedRegex(@"StratosBridge is running \(roles [^;]*; pid (\d+)\)")]
    private static partial Regex Banner();

    /// <summary>One process by pid and start time (so a reused pid is not mistaken for it).</summary>
    private sealed record RunningProcess(int Pid, int Parent, int Group, ulong StartTicks, string Command)
    {
        public bool IsRunning => Read(Pid) is { } now && now.StartTicks == StartTicks && PrivateDevnet.IsRunning(Pid);

        public static RunningProcess? Read(int pid)
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var close = stat.LastIndexOf(')');
                var fields = stat[(close + 2)..].Split(' '); // state ppid pgrp session … starttime (field 22 overall)
                return new RunningProcess(pid, int.Parse(fields[1], CultureInfo.InvariantCulture), int.Parse(fields[2], CultureInfo.InvariantCulture),
                    ulong.Parse(fields[19], CultureInfo.InvariantCulture), stat[(stat.IndexOf('(') + 1)..close]);
            }
            catch (IOException)
            {
                return null;
            }
        }

        public override string ToString() => $"{Command} (pid {Pid})";
    }
}
