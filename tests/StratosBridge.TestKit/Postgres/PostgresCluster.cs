using System.Diagnostics;
using Npgsql;

namespace StratosBridge.TestKit.Postgres;

/// <summary>
/// One private PostgreSQL cluster per test run, made with the system's initdb/pg_ctl on a free port in a temp folder
/// (as the <c>postgres</c> user when the tests run as root: initdb refuses root). Stopped by its postmaster's pid when the
/// test process exits; clusters left behind by a test process that died are stopped and removed at the next start.
/// Every test gets its own database from <see cref="CreateDatabaseAsync"/>.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private static readonly Lazy<Task<PostgresCluster>> SharedLazy = new(() => StartAsync(), LazyThreadSafetyMode.ExecutionAndPublication);
    private static int _databaseCounter;

    private readonly string _dataDir;

    private PostgresCluster(string dataDir, int port, int pid)
    {
        _dataDir = dataDir;
        Port = port;
        Pid = pid;
    }

    public int Port { get; }

    public int Pid { get; private set; }

    public static Task<PostgresCluster> Shared => SharedLazy.Value;

    public static string RunsRoot => Path.Combine(Path.GetTempPath(), "stratosbridge-tests");

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=40;Timeout=60;Command Timeout=120";

    /// <summary>A fresh, empty database for one test; dropped when disposed.</summary>
    public async Task<TestDatabase> CreateDatabaseAsync(string? hint = null)
    {
        var name = $"t{Environment.ProcessId}_{Interlocked.Increment(ref _databaseCounter)}";
        if (hint is not null)
        {
            name += "_" + new string(hint.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(30).ToArray());
        }
        await using (var admin = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await admin.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await cmd.ExecuteNonQueryAsync();
        }
        return new TestDatabase(this, name);
    }

    internal async Task DropDatabaseAsync(string name)
    {
        await using var admin = new NpgsqlConnection(ConnectionString("postgres"));
        await admin.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// A cluster of one test's own (for tests that stop or restart PostgreSQL); stopped and removed by
    /// <see cref="DisposeAsync"/> or at process exit.
    /// </summary>
    public static Task<PostgresCluster> StartPrivateAsync() => StartAsync();

    /// <summary>Stops a private cluster by its pid and removes its data folder (never call it on <see cref="Shared"/>).</summary>
    public ValueTask DisposeAsync()
    {
        StopAndRemove();
        return ValueTask.CompletedTask;
    }

    /// <summary>Stops the server (fast shutdown, by pid), waits <paramref name="down"/>, and starts it again on the same port.</summary>
    public async Task RestartAsync(TimeSpan down)
    {
        StopByPid(Pid);
        await Task.Delay(down);
        Pid = await PgCtlStartAsync(_dataDir, Port);
    }

    private static async Task<PostgresCluster> StartAsync()
    {
        RemoveAbandonedClusters();
        var name = $"pg-{Environment.ProcessId}-{Guid.NewGuid():N}";
        var dataDir = Path.Combine(RunsRoot, name[..Math.Min(40, name.Length)]); // a pid below 1000 makes the name shorter
        Directory.CreateDirectory(dataDir);
        AsPostgresUser("chown", "-R", "postgres:postgres", dataDir);
        var initdb = await RunAsync(Bin("initdb"), "-D", dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8",
            "--no-sync", "--no-instructions");
        if (initdb.ExitCode != 0)
        {
            throw new InvalidOperationException($"initdb failed ({initdb.ExitCode}): {initdb.Output}");
        }
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort.Next();
            try
            {
                var pid = await PgCtlStartAsync(dataDir, port);
                var cluster = new PostgresCluster(dataDir, port, pid);
                AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.StopAndRemove();
                return cluster;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // lost a race for the port: try another
            }
        }
    }

    private static async Task<int> PgCtlStartAsync(string dataDir, int port)
    {
        var options = $"-p {port} -k {dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off " +
                      "-c full_page_writes=off -c max_connections=300 -c shared_buffers=64MB";
        var start = await RunAsync(Bin("pg_ctl"), "-D", dataDir, "-o", options, "-l", Path.Combine(dataDir, "server.log"),
            "-w", "-t", "300", "start");
        if (start.ExitCode != 0)
        {
            var log = File.Exists(Path.Combine(dataDir, "server.log")) ? File.ReadAllText(Path.Combine(dataDir, "server.log")) : "";
            throw new InvalidOperationException($"pg_ctl start failed ({start.ExitCode}): {start.Output}\n{log}");
        }
        return ReadPostmasterPid(dataDir) ?? throw new InvalidOperationException("postmaster.pid missing after start");
    }

    private void StopAndRemove()
    {
        StopByPid(Pid);
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>
    /// Fast shutdown (SIGINT) of a postmaster by pid; waits until it is gone (it is not our child, so poll /proc),
    /// then SIGKILL if it lingers.
    /// </summary>
    private static void StopByPid(int pid)
    {
        if (!IsAlive(pid))
        {
            return;
        }
        Signal(pid, "INT");
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (IsAlive(pid) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }
        if (IsAlive(pid))
        {
            Signal(pid, "KILL");
        }
    }

    /// <summary>Alive = exists and is not a zombie.</summary>
    private static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z" && state != "X";
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static void RemoveAbandonedClusters()
    {
        if (!Directory.Exists(RunsRoot))
        {
            return;
        }
        foreach (var dir in Directory.GetDirectories(RunsRoot, "pg-*"))
        {
            var owner = Path.GetFileName(dir).Split('-')[1];
            if (int.TryParse(owner, out var ownerPid) && IsAlive(ownerPid))
            {
                continue;
            }
            if (ReadPostmasterPid(dir) is { } pid && IsAlive(pid))
            {
                StopByPid(pid);
            }
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static int? ReadPostmasterPid(string dataDir)
    {
        var file = Path.Combine(dataDir, "postmaster.pid");
        if (!File.Exists(file))
        {
            return null;
        }
        var first = File.ReadLines(file).FirstOrDefault();
        return int.TryParse(first, out var pid) ? pid : null;
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString()]);
        kill.WaitForExit();
    }

    private static string Bin(string tool)
    {
        foreach (var dir in new[] { "/usr/lib/postgresql/15/bin", "/usr/local/bin", "/usr/bin" })
        {
            var path = Path.Combine(dir, tool);
            if (File.Exists(path))
            {
                return path;
            }
        }
        throw new InvalidOperationException($"PostgreSQL's {tool} not found: run ops/setup (apt-get install postgresql).");
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static void AsPostgresUser(string file, params string[] args)
    {
        if (!IsRoot)
        {
            return;
        }
        using var p = Process.Start(file, args);
        p.WaitForExit();
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, params string[] args)
    {
        var psi = IsRoot ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", file, .. args]) : new ProcessStartInfo(file, args);
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.WorkingDirectory = Path.GetTempPath();
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
