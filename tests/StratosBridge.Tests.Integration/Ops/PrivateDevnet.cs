using System.Globalization;
using StratosBridge.TestKit;

namespace StratosBridge.Tests.Integration.Ops;

/// <summary>
/// The environment that points the ops/ scripts at a devnet of the test's own: a fresh folder (<c>DEVNET_DIR</c>) and free
/// ports for every part and the service, never the developer's devnet; the build is the one the tests run from
/// (<c>OPS_CONFIGURATION</c>), so the scripts find it built. Disposing runs <c>ops/devnet down</c> on it and deletes the folder.
/// </summary>
public sealed class PrivateDevnet : IAsyncDisposable
{
    public PrivateDevnet()
    {
        Dir = Path.Combine(Path.GetTempPath(), "stratosbridge-tests", $"devnet-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        Env = new Dictionary<string, string>
        {
            ["DEVNET_DIR"] = Dir,
            ["OPS_CONFIGURATION"] = TestConfiguration,
        };
        foreach (var key in new[]
                 {
                     "DEVNET_PG_PORT", "DEVNET_ETHEREUM_PORT", "DEVNET_BSC_PORT", "DEVNET_STRATOS_PORT", "DEVNET_SOLANA_PORT",
                     "DEVNET_PRICES_PORT", "DEVNET_STRATOS_COMPANION_PORT", "DEVNET_STRIPE_PORT", "SERVICE_PORT",
                 })
        {
            Env[key] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        }
    }

    public string Dir { get; }

    public Dictionary<string, string> Env { get; }

    public static string Script(string name) => Path.Combine(RepoPaths.Root, "ops", name);

    /// <summary>Debug or Release: the build of this test assembly (…/bin/{configuration}/net10.0/).</summary>
    private static string TestConfiguration =>
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public Task<string> DevnetAsync(string command, TimeSpan? timeout = null) =>
        ToolRunner.RunAsync(Script("devnet"), [command], environment: Env, timeout: timeout);

    /// <summary>The pids the devnet recorded: PostgreSQL's postmaster and every part's pid file.</summary>
    public IReadOnlyList<int> RecordedPids()
    {
        var files = Directory.GetFiles(Dir, "*.pid").Append(Path.Combine(Dir, "postgres", "postmaster.pid"));
        return files.Where(File.Exists)
            .Select(f => int.Parse(File.ReadLines(f).First().Trim(), CultureInfo.InvariantCulture))
            .ToList();
    }

    /// <summary>Whether <paramref name="pid"/> is a live process (not gone, not a zombie waiting for its parent).</summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return !stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await DevnetAsync("down");
        }
        finally
        {
            if (Directory.Exists(Dir))
            {
                Directory.Delete(Dir, recursive: true);
            }
        }
    }
}
